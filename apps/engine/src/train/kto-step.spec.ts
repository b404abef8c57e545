import { initParameters } from '../model/init-parameters';
import { ModelConfig } from '../model/model-config';
import { Rng } from '../util/rng';
import { AdamW } from './adam-w';
import { ktoStep } from './kto-step';
import { FullUpdate } from './policy-update';
import { ShardedModel, TrainDoc } from './sharded-model';

const cfg: ModelConfig = { vocabSize: 20, contextLength: 32, dModel: 16, nLayers: 1, nHeads: 2 };
const OPTIONS = { pref_beta: 0.5, kto_chosen_weight: 1, kto_rejected_weight: 1, pref_ftx: 0, max_grad_norm: 1, lr: 1e-2 };

describe('ktoStep', () => {
  const rng = new Rng(5);
  const docs: TrainDoc[] = Array.from({ length: 4 }, () => ({ tokens: Array.from({ length: rng.int(5, 12) }, () => rng.int(0, 19)), lossFrom: 2 }));
  const klDocs = docs.map((d, i) => ({ tokens: [...d.tokens.slice(0, 2), ...docs[(i + 1) % docs.length].tokens.slice(2)], lossFrom: 2 }));
  const desirable = [true, false, true, false];
  const policy = initParameters(cfg, 6);
  // A reference that differs from the policy, so that its log-probabilities matter.
  const reference = initParameters(cfg, 7);

  async function step(referenceLogp?: Float64Array) {
    const model = new ShardedModel(cfg, policy, reference, 0);
    const adam = new AdamW(model.policy, new Uint8Array(policy.length).fill(1), 0.9, 0.999, 1e-8, 0);
    const result = await ktoStep(model, new FullUpdate(model, adam), docs, klDocs, desirable, OPTIONS, referenceLogp);
    await model.close();
    return { result, params: model.policy };
  }

  it('takes the reference log-probabilities of an earlier epoch instead of computing them again, to the same bits', async () => {
    const computed = await step();
    const reused = await step(computed.result.referenceLogp);
    expect(reused.result.loss).toBe(computed.result.loss);
    expect(Buffer.from(reused.params.buffer).equals(Buffer.from(computed.params.buffer))).toBe(true);
    // And it does use them: other values give another loss.
    const shifted = await step(computed.result.referenceLogp.map((v) => v + 1));
    expect(shifted.result.loss).not.toBe(computed.result.loss);
  });
});
