import { Rng } from '../util/rng';
import { matmulNTScalar } from './kernels';
import { matmulNTSimd } from './wasm-matmul';

describe('matmulNTSimd', () => {
  const rng = new Rng(12);
  const random = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal());

  it.each([
    [1, 1, 1], [3, 5, 7], [2, 4, 4], [16, 64, 192], [33, 17, 9], [130, 256, 98],
  ])('agrees with the JavaScript kernel at M=%i K=%i N=%i, with offsets, bias and accumulation', (M, K, N) => {
    const a = random(M * K + 3);
    const b = random(N * K + 5);
    const bias = random(N + 2);
    for (const accumulate of [false, true]) {
      for (const withBias of [false, true]) {
        const expected = random(M * N + 4);
        const actual = Float32Array.from(expected);
        matmulNTScalar(expected, 4, a, 3, b, 5, M, K, N, withBias ? bias : null, 2, accumulate);
        matmulNTSimd(actual, 4, a, 3, b, 5, M, K, N, withBias ? bias : null, 2, accumulate);
        // Single-precision accumulation in another order: equal up to float32 rounding.
        for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i])).toBeLessThan(1e-4 * Math.sqrt(K) * 4);
        expect(actual.subarray(0, 4)).toEqual(expected.subarray(0, 4));
      }
    }
  });

  it('grows its memory for large operands', () => {
    const M = 700;
    const K = 300;
    const N = 200;
    const a = random(M * K);
    const b = random(N * K);
    const out = new Float32Array(M * N);
    matmulNTSimd(out, 0, a, 0, b, 0, M, K, N, null, 0, false);
    let dot = 0;
    for (let k = 0; k < K; k++) dot += a[(M - 1) * K + k] * b[(N - 1) * K + k];
    expect(out[M * N - 1]).toBeCloseTo(dot, 3);
  });
});
