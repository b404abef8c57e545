import { computeEntropy } from './compute-entropy';

describe('computeEntropy', () => {
  it('is zero when all 16 samples agree', () => {
    expect(computeEntropy([16], 16)).toEqual({ entropy: 0, normalizedEntropy: 0 });
  });
  it('is one bit, H̄ = 0.25, for an 8/8 split of 16', () => {
    expect(computeEntropy([8, 8], 16)).toEqual({ entropy: 1, normalizedEntropy: 0.25 });
  });
  it('is log2 16 = 4 bits, H̄ = 1, for 16 distinct answers', () => {
    const e = computeEntropy(Array(16).fill(1), 16);
    expect(e.entropy).toBeCloseTo(4, 12);
    expect(e.normalizedEntropy).toBeCloseTo(1, 12);
  });
  it('gives the spec examples: 10/3/3 -> 0.33, 4x4 -> 0.5, eight pairs -> 0.75', () => {
    // H(10/16, 3/16, 3/16) = -(0.625 log2 0.625 + 2 * 0.1875 log2 0.1875), by hand 1.32943 bits.
    expect(computeEntropy([10, 3, 3], 16).normalizedEntropy).toBeCloseTo(1.32943 / 4, 5);
    expect(computeEntropy([4, 4, 4, 4], 16).normalizedEntropy).toBe(0.5);
    expect(computeEntropy(Array(8).fill(2), 16).normalizedEntropy).toBe(0.75);
  });
  it('counts parse failures in N but not in p_i', () => {
    // 8 valid answers split 4/4 (H = 1 bit) among 16 samples: H̄ = 1 / log2 16, not 1 / log2 8.
    expect(computeEntropy([4, 4], 16)).toEqual({ entropy: 1, normalizedEntropy: 0.25 });
    // 8 identical valid answers and 8 failures: no disagreement among the valid ones.
    expect(computeEntropy([8], 16)).toEqual({ entropy: 0, normalizedEntropy: 0 });
  });
  it('is zero for N = 1 and for no valid answer', () => {
    expect(computeEntropy([1], 1)).toEqual({ entropy: 0, normalizedEntropy: 0 });
    expect(computeEntropy([], 16)).toEqual({ entropy: 0, normalizedEntropy: 0 });
    expect(computeEntropy([], 0)).toEqual({ entropy: 0, normalizedEntropy: 0 });
  });
  it('gives two clusters of n = 16 at most H̄ = 0.25', () => {
    for (let a = 1; a < 16; a++) expect(computeEntropy([a, 16 - a], 16).normalizedEntropy).toBeLessThanOrEqual(0.25);
  });
});
