import { Rng } from '../util/rng';
import { addColumnSums, geluBackward, layerNormBackward, layerNormForward, matmulNTScalar } from './kernels';
import { instantiateTrainKernels } from './train-kernels';

const rng = new Rng(11);
const random = (n: number, scale = 1): Float32Array => Float32Array.from({ length: n }, () => scale * rng.normal());
const expectClose = (actual: Float32Array, expected: ArrayLike<number>, tol: number): void => {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(tol * (1 + Math.abs(expected[i])));
};
const transposed = (m: Float32Array, R: number, C: number): Float32Array => Float32Array.from({ length: R * C }, (_, i) => m[(i % R) * C + Math.floor(i / R)]);

/** One training-kernel instance with operands placed at increasing 16-byte-aligned byte addresses. */
function arena(): { k: ReturnType<typeof instantiateTrainKernels>; put: (v: Float32Array | number) => number; read: (at: number, n: number) => Float32Array } {
  const k = instantiateTrainKernels(4);
  k.memory.grow(16);
  let next = 64;
  const heap = (): Float32Array => new Float32Array(k.memory.buffer);
  return {
    k,
    put: (v) => {
      const n = typeof v === 'number' ? v : v.length;
      const at = next;
      if (typeof v !== 'number') heap().set(v, at / 4);
      next += ((4 * n + 15) >> 4) << 4;
      return at;
    },
    read: (at, n) => heap().slice(at / 4, at / 4 + n),
  };
}

describe('training kernels', () => {
  const [M, K, N] = [7, 13, 16]; // a block of 4 rows then 3 one by one; an odd reduction length

  it('gemm multiplies by a row-major B (dinp = dout · W) and accumulates', () => {
    const { k, put, read } = arena();
    const a = random(M * K);
    const w = random(K * N);
    const prior = random(M * N);
    const out = put(prior);
    k.gemm(out, 4 * N, put(a), 4 * K, 4, put(w), 4, 4 * N, 0, M, K, N, 1);
    const expected = Float32Array.from(prior);
    matmulNTScalar(expected, 0, a, 0, transposed(w, K, N), 0, M, K, N, null, 0, true);
    expectClose(read(out, M * N), expected, 1e-5);
  });

  it('gemm reads a transposed A (dW = doutᵀ · inp) with a strided output', () => {
    const { k, put, read } = arena();
    const at = random(K * M); // A[m, k] = at[k, m]
    const b = random(K * N);
    const ldo = N + 8;
    const out = put(M * ldo);
    k.gemm(out, 4 * ldo, put(at), 4, 4 * M, put(b), 4, 4 * N, 0, M, K, N, 0);
    const expected = new Float32Array(M * N);
    matmulNTScalar(expected, 0, transposed(at, K, M), 0, transposed(b, K, N), 0, M, K, N, null, 0, false);
    const got = read(out, M * ldo).filter((_, i) => i % ldo < N);
    expectClose(got, expected, 1e-5);
  });

  it('geluBackward agrees with the tanh form', () => {
    const { k, put, read } = arena();
    const xs = Float32Array.from([-1e4, -100, -20, -5, -1, -1e-3, 0, 1e-6, 0.5, 1, 3, 10, 100, 1e4, ...random(50, 4)]);
    const dout = random(xs.length);
    const dinp = put(xs.length);
    k.geluBackward(dinp, put(xs), put(dout), xs.length);
    const expected = new Float32Array(xs.length);
    geluBackward(expected, xs, dout, xs.length);
    expectClose(read(dinp, xs.length), expected, 2e-6);
  });

  it('layerNorm keeps its statistics, and layerNormBackward agrees with the JavaScript backward', () => {
    const [R, C] = [5, 24];
    const { k, put, read } = arena();
    const inp = random(R * C, 3);
    const params = random(2 * C);
    const dout = random(R * C);
    const prior = random(R * C);
    const out = put(R * C);
    const stats = put(2 * R);
    const x = put(inp);
    const w = put(params.subarray(0, C));
    k.layerNorm(out, x, w, put(params.subarray(C)), R, C, stats);
    const mean = new Float32Array(R);
    const rstd = new Float32Array(R);
    layerNormForward(new Float32Array(R * C), mean, rstd, inp, params, 0, C, R, C);
    expectClose(read(stats, 2 * R), Array.from(mean).flatMap((m, r) => [m, rstd[r]]), 1e-5);
    const grads = random(2 * C);
    const dinp = put(prior);
    const dw = put(grads.subarray(0, C));
    const db = put(grads.subarray(C));
    k.layerNormBackward(dinp, dw, db, put(dout), x, w, stats, R, C);
    const expectedDinp = Float32Array.from(prior);
    const expectedGrads = Float32Array.from(grads);
    layerNormBackward(expectedDinp, expectedGrads, dout, inp, params, 0, C, mean, rstd, R, C);
    expectClose(read(dinp, R * C), expectedDinp, 1e-5);
    expectClose(read(dw, C), expectedGrads.subarray(0, C), 1e-5);
    expectClose(read(db, C), expectedGrads.subarray(C), 1e-5);
  });

  it('addColumnSums adds each column\'s sum', () => {
    const { k, put, read } = arena();
    const inp = random(M * N);
    const prior = random(N);
    const out = put(prior);
    k.addColumnSums(out, put(inp), M, N);
    const expected = Float32Array.from(prior);
    addColumnSums(expected, 0, inp, M, N);
    expectClose(read(out, N), expected, 1e-6);
  });

  it('logSumExp and softmaxBackward give the log-sum-exp of each row and -d times its softmax', () => {
    const [R, V, ld] = [3, 11, 16];
    const { k, put, read } = arena();
    const logits = random(R * ld, 5);
    const at = put(logits);
    const stats = put(2 * R);
    k.logSumExp(at, stats, R, V, ld);
    const s = read(stats, 2 * R);
    const lse = Float32Array.from({ length: R }, (_, r) => s[2 * r] + Math.log(s[2 * r + 1]));
    const d = random(R);
    const dlogits = put(R * ld);
    k.softmaxBackward(dlogits, at, put(lse), put(d), R, ld);
    const got = read(dlogits, R * ld);
    for (let r = 0; r < R; r++) {
      const row = Array.from(logits.subarray(r * ld, r * ld + V));
      const max = Math.max(...row);
      const expectedLse = max + Math.log(row.reduce((acc, z) => acc + Math.exp(z - max), 0));
      expect(Math.abs(lse[r] - expectedLse)).toBeLessThan(1e-5 * (1 + Math.abs(expectedLse)));
      expectClose(got.subarray(r * ld, r * ld + V), row.map((z) => -d[r] * Math.exp(z - expectedLse)), 1e-5);
      for (let c = V; c < ld; c++) expect(Math.abs(got[r * ld + c])).toBeLessThan(1e-30);
    }
  });
});
