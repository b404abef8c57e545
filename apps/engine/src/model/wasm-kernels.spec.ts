import { Rng } from '../util/rng';
import { geluForward, layerNormForward, matmulNTScalar } from './kernels';
import { instantiateKernels, KernelExports, packPanels } from './wasm-kernels';

/** Float32 operands placed at increasing 16-byte-aligned addresses of one kernel instance. */
class Arena {
  readonly k: KernelExports;
  private next = 64;

  constructor(headSize = 4) {
    this.k = instantiateKernels(headSize);
    this.k.memory.grow(64);
  }

  get heap(): Float32Array {
    return new Float32Array(this.k.memory.buffer);
  }

  /** Places values (or n zeros) and returns the byte address. */
  put(values: Float32Array | number): number {
    const n = typeof values === 'number' ? values : values.length;
    const at = this.next;
    if (typeof values !== 'number') this.heap.set(values, at / 4);
    this.next += ((4 * n + 15) >> 4) << 4;
    return at;
  }

  read(at: number, n: number): Float32Array {
    return this.heap.slice(at / 4, at / 4 + n);
  }
}

const rng = new Rng(5);
const random = (n: number, scale = 1): Float32Array => Float32Array.from({ length: n }, () => scale * rng.normal());
const expectClose = (actual: Float32Array, expected: ArrayLike<number>, tol: number): void => {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(tol * (1 + Math.abs(expected[i])));
};

describe('wasm kernels', () => {
  it.each([[false, false], [true, false], [false, true], [true, true]])('gemm on packed panels with bias %s and accumulation %s agrees with the JavaScript kernel', (bias, acc) => {
    const [M, K, N] = [7, 20, 16]; // a block of 4 rows, then 3 rows one by one
    const ar = new Arena();
    const a = random(M * K);
    const b = random(N * K);
    const biasV = random(N);
    const prior = random(M * N);
    const out = ar.put(prior);
    const panels = ar.put(N * K);
    packPanels(ar.heap, panels / 4, b, 0, N, K);
    ar.k.gemm(out, 4 * N, ar.put(a), 4 * K, 4, panels, 4 * K, 32, bias ? ar.put(biasV) : 0, M, K, N, (acc ? 1 : 0) | (bias ? 2 : 0));
    const expected = Float32Array.from(prior);
    matmulNTScalar(expected, 0, a, 0, b, 0, M, K, N, bias ? biasV : null, 0, acc);
    expectClose(ar.read(out, M * N), expected, 1e-5);
  });

  it('packs weights into panels of 8 output columns, zero past the last row', () => {
    const [N, K] = [10, 3];
    const w = Float32Array.from({ length: N * K + 2 }, (_, i) => i - 2); // from offset 2: w[n][k] = 3n + k
    const dst = new Float32Array(1 + 16 * K).fill(NaN);
    packPanels(dst, 1, w, 2, N, K);
    const panel = (p: number, k: number): number[] => Array.from(dst.subarray(1 + p * 8 * K + 8 * k, 1 + p * 8 * K + 8 * k + 8));
    expect(panel(0, 0)).toEqual([0, 3, 6, 9, 12, 15, 18, 21]);
    expect(panel(0, 2)).toEqual([2, 5, 8, 11, 14, 17, 20, 23]);
    expect(panel(1, 1)).toEqual([25, 28, 0, 0, 0, 0, 0, 0]);
    expect(Number.isNaN(dst[0])).toBe(true);
  });

  it('layerNorm agrees with the JavaScript LayerNorm', () => {
    const [R, C] = [5, 24];
    const ar = new Arena();
    const inp = random(R * C, 3);
    const params = random(2 * C);
    const out = ar.put(R * C);
    ar.k.layerNorm(out, ar.put(inp), ar.put(params.subarray(0, C)), ar.put(params.subarray(C)), R, C);
    const expected = new Float32Array(R * C);
    layerNormForward(expected, new Float32Array(R), new Float32Array(R), inp, params, 0, C, R, C);
    expectClose(ar.read(out, R * C), expected, 1e-5);
  });

  it('gelu agrees with the tanh form, from deep negatives through zero to large positives', () => {
    const xs = Float32Array.from([-1e4, -100, -20, -5, -1, -1e-3, 0, 1e-6, 0.5, 1, 3, 10, 100, 1e4, ...random(50, 4)]);
    const ar = new Arena();
    const p = ar.put(xs);
    ar.k.gelu(p, p, xs.length);
    const expected = new Float32Array(xs.length);
    geluForward(expected, xs, xs.length);
    const got = ar.read(p, xs.length);
    expectClose(got, expected, 2e-6);
    expect(got.every(Number.isFinite)).toBe(true);
  });

  it.each([[16, 2], [48, 2], [96, 4]])('attention (C %i, %i heads) writes each row\'s key and value into its slot and attends over positions 0..pos', (C, H) => {
    const T = 9;
    const hs = C / H;
    const slots = 3;
    const rows = [[2, 0], [0, 5], [1, 8]]; // (slot, pos): lengths 1, 6 and 9 cover every padding of the scores
    const R = rows.length;
    const ar = new Arena(hs);
    const cacheValues = random(slots * 2 * T * C);
    const cache = ar.put(cacheValues);
    const qkv = random(R * 3 * C);
    const out = ar.put(R * C);
    const scale = 1 / Math.sqrt(hs);
    ar.k.attention(ar.put(qkv), out, cache, ar.put(new Float32Array(Int32Array.from(rows.flat()).buffer)), R, C, T, 4 * 2 * T * C, 0, ar.put(T + 3), scale, 0);
    const after = ar.read(cache, slots * 2 * T * C);
    const expected = new Float32Array(R * C);
    rows.forEach(([s, pos], r) => {
      // Head-major: head h's key at position j, then the values likewise after all T * C keys.
      const key = (h: number, j: number): number => s * 2 * T * C + (h * T + j) * hs;
      const value = (h: number, j: number): number => key(h, j) + T * C;
      for (let h = 0; h < H; h++) {
        cacheValues.set(qkv.subarray(r * 3 * C + C + h * hs, r * 3 * C + C + (h + 1) * hs), key(h, pos));
        cacheValues.set(qkv.subarray(r * 3 * C + 2 * C + h * hs, r * 3 * C + 2 * C + (h + 1) * hs), value(h, pos));
        const scores = Array.from({ length: pos + 1 }, (_, j) => {
          let dot = 0;
          for (let d = 0; d < hs; d++) dot += qkv[r * 3 * C + h * hs + d] * cacheValues[key(h, j) + d];
          return dot * scale;
        });
        const max = Math.max(...scores);
        const w = scores.map((z) => Math.exp(z - max));
        const sum = w.reduce((a, b) => a + b, 0);
        for (let d = 0; d < hs; d++) expected[r * C + h * hs + d] = w.reduce((acc, wj, j) => acc + (wj / sum) * cacheValues[value(h, j) + d], 0);
      }
    });
    expect(after).toEqual(cacheValues);
    expectClose(ar.read(out, R * C), expected, 1e-5);
  });
});
