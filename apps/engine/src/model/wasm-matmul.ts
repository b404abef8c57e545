import { instantiateMatmul } from './wasm-kernels';

/**
 * The training graph's matmul on the WebAssembly SIMD kernel (wasm-kernels.ts): operands are
 * copied into one shared kernel instance's memory, padded with zeros so that the kernel runs over
 * whole 2x4 output blocks and whole 4-wide steps along the reduction axis.
 */
const kernels = instantiateMatmul();
const memory = kernels.memory;
let heap = new Float32Array(memory.buffer);

function ensureFloats(n: number): void {
  if (n <= heap.length) return;
  memory.grow(Math.ceil((n * 4 - memory.buffer.byteLength) / 65536));
  heap = new Float32Array(memory.buffer);
}

/** Copies an R x C row-major block into the heap at `at` with row stride S >= C, zero-padding to Rp rows. */
function stage(at: number, src: Float32Array, off: number, R: number, C: number, Rp: number, S: number): void {
  if (S === C) {
    heap.set(src.subarray(off, off + R * C), at);
  } else {
    for (let r = 0; r < R; r++) {
      heap.set(src.subarray(off + r * C, off + r * C + C), at + r * S);
      heap.fill(0, at + r * S + C, at + r * S + S);
    }
  }
  heap.fill(0, at + R * S, at + Rp * S);
}

/** out[oOff + m*N + n] (+)= sum_k a[aOff + m*K + k] * b[bOff + n*K + k] (+ bias[biasOff + n]). */
export function matmulNTSimd(
  out: Float32Array, oOff: number,
  a: Float32Array, aOff: number,
  b: Float32Array, bOff: number,
  M: number, K: number, N: number,
  bias: Float32Array | null, biasOff: number,
  accumulate: boolean,
): void {
  const Mp = (M + 1) & ~1;
  const Kp = (K + 3) & ~3;
  const Np = (N + 3) & ~3;
  const aAt = 0;
  const bAt = Mp * Kp;
  const oAt = bAt + Np * Kp;
  ensureFloats(oAt + Mp * Np);
  stage(aAt, a, aOff, M, K, Mp, Kp);
  stage(bAt, b, bOff, N, K, Np, Kp);
  kernels.matmul(oAt * 4, aAt * 4, bAt * 4, Mp, Kp, Np);
  for (let i = 0; i < M; i++) {
    const src = oAt + i * Np;
    const dst = oOff + i * N;
    if (bias) {
      if (accumulate) for (let j = 0; j < N; j++) out[dst + j] += heap[src + j] + bias[biasOff + j];
      else for (let j = 0; j < N; j++) out[dst + j] = heap[src + j] + bias[biasOff + j];
    } else if (accumulate) {
      for (let j = 0; j < N; j++) out[dst + j] += heap[src + j];
    } else {
      out.set(heap.subarray(src, src + N), dst);
    }
  }
}
