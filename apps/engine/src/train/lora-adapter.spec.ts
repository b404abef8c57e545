import { initParameters } from '../model/init-parameters';
import { ModelConfig, parameterLayout } from '../model/model-config';
import { Rng } from '../util/rng';
import { LoraAdapter } from './lora-adapter';
import { additionalModules, loraModules } from './lora-modules';

const cfg: ModelConfig = { vocabSize: 20, contextLength: 16, dModel: 16, nLayers: 2, nHeads: 2 };
const { tensors } = parameterLayout(cfg);
const adaptedNames = (modules: string[]): string[] => tensors.filter((t) => modules.some((m) => t.name.endsWith(`.${m}.w`))).map((t) => t.name);

function setUp(modules = loraModules('all'), rank = 2, additional = additionalModules(undefined)) {
  const frozen = initParameters(cfg, 3);
  const policy = Float32Array.from(frozen);
  const adapter = new LoraAdapter(cfg, frozen, policy, { rank, alpha: 2 * rank, modules, additional }, new Rng(4));
  return { frozen, policy, adapter };
}

/** sum(G * W) over the policy: linear in each single parameter of the adapter, so finite differences are exact. */
function dot(g: Float32Array, w: Float32Array): number {
  let s = 0;
  for (let i = 0; i < g.length; i++) s += g[i] * w[i];
  return s;
}

describe('LoraAdapter', () => {
  it('starts from the unchanged model: B is zero', () => {
    const { frozen, policy } = setUp();
    expect(Buffer.from(policy.buffer).equals(Buffer.from(frozen.buffer))).toBe(true);
  });

  it('gives the gradient of the merged weights\' loss with respect to A and B', () => {
    const { policy, adapter } = setUp();
    const rng = new Rng(9);
    for (let i = 0; i < adapter.params.length; i++) adapter.params[i] = rng.normal() * 0.3;
    adapter.merge();
    const g = Float32Array.from({ length: policy.length }, () => rng.normal());
    const analytic = Float32Array.from(adapter.gradient(g));
    const base = dot(g, policy);
    for (let n = 0; n < 40; n++) {
      const i = rng.int(0, adapter.params.length - 1);
      const saved = adapter.params[i];
      adapter.params[i] = saved + 1;
      adapter.merge();
      const numeric = dot(g, policy) - base;
      adapter.params[i] = saved;
      expect(analytic[i]).toBeCloseTo(numeric, 2);
    }
    expect(analytic.some((v) => v !== 0)).toBe(true);
  });

  it('trains only the adapted layers and the additional tensors: the other embeddings, norms and biases stay the start model\'s', async () => {
    const { frozen, policy, adapter } = setUp(loraModules('qkv,fcproj'), 2, additionalModules('wpe,lnf'));
    const rng = new Rng(11);
    const g = Float32Array.from({ length: policy.length }, () => rng.normal());
    // The first step only moves B (A's gradient is B^T dW = 0), the second moves the merged weights' A side too.
    await adapter.apply(g, 1e-2, 1);
    await adapter.apply(g, 1e-2, 1);
    const adapted = [...adaptedNames(['qkv', 'fcproj']), 'wpe', 'lnf.w', 'lnf.b'];
    expect(adapted).toHaveLength(7);
    for (const t of tensors) {
      const same = Buffer.from(policy.buffer, 4 * t.offset, 4 * t.size).equals(Buffer.from(frozen.buffer, 4 * t.offset, 4 * t.size));
      expect([t.name, same]).toEqual([t.name, !adapted.includes(t.name)]);
    }
  });

  it('moves an adapted weight by a product of rank r at most', async () => {
    const { frozen, policy, adapter } = setUp(['fc'], 1);
    const rng = new Rng(12);
    for (let k = 0; k < 3; k++) await adapter.apply(Float32Array.from({ length: policy.length }, () => rng.normal()), 1e-2, 1);
    const t = tensors.find((x) => x.name === 'h.0.fc.w')!;
    const [rows, cols] = t.shape;
    const delta = (o: number, i: number): number => policy[t.offset + o * cols + i] - frozen[t.offset + o * cols + i];
    // Rank 1: every 2x2 minor of the update vanishes.
    for (let n = 0; n < 20; n++) {
      const [o1, o2, i1, i2] = [rng.int(0, rows - 1), rng.int(0, rows - 1), rng.int(0, cols - 1), rng.int(0, cols - 1)];
      expect(delta(o1, i1) * delta(o2, i2) - delta(o1, i2) * delta(o2, i1)).toBeCloseTo(0, 5);
    }
    expect(delta(0, 0)).not.toBe(0);
  });
});
