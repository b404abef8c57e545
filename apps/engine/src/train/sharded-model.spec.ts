import { initParameters } from '../model/init-parameters';
import { ModelConfig } from '../model/model-config';
import { Rng } from '../util/rng';
import { AdamW } from './adam-w';
import { ShardedModel, TrainDoc } from './sharded-model';

const cfg: ModelConfig = { vocabSize: 20, contextLength: 32, dModel: 16, nLayers: 1, nHeads: 2 };

describe('ShardedModel', () => {
  it('gives the same log-probabilities and gradients on worker threads as inline', async () => {
    const rng = new Rng(2);
    const docs: TrainDoc[] = Array.from({ length: 5 }, () => ({ tokens: Array.from({ length: rng.int(4, 20) }, () => rng.int(0, 19)), lossFrom: 2 }));
    const params = initParameters(cfg, 4);
    const inline = new ShardedModel(cfg, params, null, 0);
    const threaded = new ShardedModel(cfg, params, null, 2);
    try {
      const coef = Float64Array.from(docs, (_, i) => (i % 2 ? -1 : 0.5));
      const a = await inline.forward(docs, 'policy');
      const ga = Float32Array.from(await inline.backward(coef));
      const b = await threaded.forward(docs, 'policy');
      const gb = await threaded.backward(coef);
      expect(Array.from(b.count)).toEqual(Array.from(a.count));
      for (let i = 0; i < docs.length; i++) expect(b.logp[i]).toBeCloseTo(a.logp[i], 4);
      let worst = 0;
      for (let i = 0; i < ga.length; i++) worst = Math.max(worst, Math.abs(ga[i] - gb[i]));
      expect(worst).toBeLessThan(1e-5);
    } finally {
      await Promise.all([inline.close(), threaded.close()]);
    }
  });

  it('updates the policy with AdamW split over worker threads to the same bits as one pass', async () => {
    const params = initParameters(cfg, 5);
    const rng = new Rng(3);
    const mask = Uint8Array.from(params, (_, i) => i % 3 === 0 ? 0 : 1);
    const single = Float32Array.from(params);
    const one = new AdamW(single, mask, 0.9, 0.999, 1e-8, 0.01);
    const threaded = new ShardedModel(cfg, params, null, 2);
    try {
      const split = new AdamW(threaded.policy, mask, 0.9, 0.999, 1e-8, 0.01);
      for (let step = 0; step < 3; step++) {
        const grads = new Float32Array(new SharedArrayBuffer(4 * params.length)).map(() => (rng.float() - 0.5) * 0.1);
        one.step(grads, 1e-3 * (step + 1));
        await threaded.optimizerStep(split, grads, 1e-3 * (step + 1));
      }
      expect(Buffer.from(threaded.policy.buffer).equals(Buffer.from(single.buffer))).toBe(true);
      // Both halves moved: a worker that skipped its range would leave its parameters at the start.
      const half = Math.floor(params.length / 2);
      expect(threaded.policy[1] === params[1] || threaded.policy[half + 1] === params[half + 1]).toBe(false);
      await expect(threaded.optimizerStep(one, new Float32Array(params.length), 1e-3)).rejects.toThrow(/this model's policy/);
    } finally {
      await threaded.close();
    }
  });

  it('deals forward-only passes out to the executors without changing a bit of any log-probability', async () => {
    const rng = new Rng(6);
    const docsOf = (n: number): TrainDoc[] => Array.from({ length: n }, () => ({ tokens: Array.from({ length: rng.int(3, 30) }, () => rng.int(0, 19)), lossFrom: rng.int(1, 3) }));
    const a = docsOf(7);
    const b = docsOf(5);
    const models = [0, 2, 3].map((workers) => new ShardedModel(cfg, initParameters(cfg, 8), initParameters(cfg, 9), workers));
    try {
      for (const model of models) {
        const [refA, polB, refB] = await model.logps([{ docs: a, which: 'reference' }, { docs: b, which: 'policy' }, { docs: b, which: 'reference' }]);
        // One contiguous batch per pass on one executor: the pass as forward() computes it.
        const alone = new ShardedModel(cfg, Float32Array.from(model.policy), Float32Array.from(model.reference), 0);
        try {
          expect(Array.from(refA)).toEqual(Array.from((await alone.forward(a, 'reference')).logp));
          expect(Array.from(polB)).toEqual(Array.from((await alone.forward(b, 'policy')).logp));
          expect(Array.from(refB)).toEqual(Array.from((await alone.forward(b, 'reference')).logp));
        } finally {
          await alone.close();
        }
        // The two models differ, so a pass that ran on the wrong one would show.
        expect(Array.from(polB)).not.toEqual(Array.from(refB));
      }
    } finally {
      await Promise.all(models.map((m) => m.close()));
    }
  });

  it('refuses a backward pass that does not follow a forward pass of the policy', async () => {
    const docs: TrainDoc[] = [{ tokens: [1, 2, 3, 4], lossFrom: 1 }];
    const model = new ShardedModel(cfg, initParameters(cfg, 4), null, 0);
    const coef = Float64Array.of(1);
    try {
      await expect(model.backward(coef)).rejects.toThrow(/not forward\(\) of the policy/);
      await model.forward(docs, 'policy');
      await model.logps([{ docs, which: 'policy' }]);
      await expect(model.backward(coef)).rejects.toThrow(/not forward\(\) of the policy/);
      await model.forward(docs, 'reference');
      await expect(model.backward(coef)).rejects.toThrow(/not forward\(\) of the policy/);
      await model.forward(docs, 'policy');
      await expect(model.backward(coef)).resolves.toBeInstanceOf(Float32Array);
    } finally {
      await model.close();
    }
  });
});
