import { ktoLoss } from './kto-loss';

describe('ktoLoss', () => {
  const policy = Float64Array.from([-10, -12, -20]);
  const reference = Float64Array.from([-11, -12, -18]);
  const kl = { policy: Float64Array.from([-30, -31]), reference: Float64Array.from([-30, -31]) };
  const desirable = [true, true, false];

  it('pushes desirable completions up and undesirable ones down', () => {
    const { grad } = ktoLoss(policy, reference, kl.policy, kl.reference, desirable, 0.1, 1, 1);
    expect(grad[0]).toBeLessThan(0);
    expect(grad[1]).toBeLessThan(0);
    expect(grad[2]).toBeGreaterThan(0);
  });

  it('adds pref_ftx times the per-token negative log-likelihood of desirable completions', () => {
    const lengths = [5, 4, 8];
    const plain = ktoLoss(policy, reference, kl.policy, kl.reference, desirable, 0.1, 1, 1);
    const ftx = ktoLoss(policy, reference, kl.policy, kl.reference, desirable, 0.1, 1, 1, 2, lengths);
    expect(ftx.loss - plain.loss).toBeCloseTo((2 * (10 / 5 + 12 / 4)) / 3, 10);
    expect(ftx.grad[0] - plain.grad[0]).toBeCloseTo(-2 / 5 / 3, 10);
    expect(ftx.grad[1] - plain.grad[1]).toBeCloseTo(-2 / 4 / 3, 10);
    expect(ftx.grad[2]).toBe(plain.grad[2]);
  });

  it('matches a finite difference of its loss', () => {
    const lengths = [5, 4, 8];
    const { grad } = ktoLoss(policy, reference, kl.policy, kl.reference, desirable, 0.1, 1.5, 0.7, 0.5, lengths);
    for (let i = 0; i < policy.length; i++) {
      const at = (d: number): number => {
        const p = Float64Array.from(policy);
        p[i] += d;
        return ktoLoss(p, reference, kl.policy, kl.reference, desirable, 0.1, 1.5, 0.7, 0.5, lengths).loss;
      };
      expect((at(1e-5) - at(-1e-5)) / 2e-5).toBeCloseTo(grad[i], 6);
    }
  });
});
