/**
 * Hand-written Float32Array kernels in the spirit of llm.c. The engine runs their WebAssembly SIMD
 * forms (wasm-kernels.ts, train-kernels.ts); these plain JavaScript ones are the references the
 * kernels' specs check them against, and the matmul, a 4x4 register-blocked dot product, is the
 * baseline the engine benchmark measures the SIMD kernel against.
 */

/** out[oOff + m*N + n] (+)= sum_k a[aOff + m*K + k] * b[bOff + n*K + k] (+ bias[biasOff + n]). */
export type MatmulKernel = typeof matmulNTScalar;

/** out[oOff + m*N + n] (+)= sum_k a[aOff + m*K + k] * b[bOff + n*K + k] (+ bias[biasOff + n]), in plain JavaScript. */
export function matmulNTScalar(
  out: Float32Array, oOff: number,
  a: Float32Array, aOff: number,
  b: Float32Array, bOff: number,
  M: number, K: number, N: number,
  bias: Float32Array | null, biasOff: number,
  accumulate: boolean,
): void {
  const M4 = M - (M % 4);
  const N4 = N - (N % 4);
  for (let m = 0; m < M4; m += 4) {
    const a0 = aOff + m * K;
    const a1 = a0 + K;
    const a2 = a1 + K;
    const a3 = a2 + K;
    const o0 = oOff + m * N;
    for (let n = 0; n < N4; n += 4) {
      const b0 = bOff + n * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      const b3 = b2 + K;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = a[a0 + k], x1 = a[a1 + k], x2 = a[a2 + k], x3 = a[a3 + k];
        const y0 = b[b0 + k], y1 = b[b1 + k], y2 = b[b2 + k], y3 = b[b3 + k];
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
        s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
        s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
      }
      store4(out, o0 + n, s00, s01, s02, s03, bias, biasOff + n, accumulate);
      store4(out, o0 + N + n, s10, s11, s12, s13, bias, biasOff + n, accumulate);
      store4(out, o0 + 2 * N + n, s20, s21, s22, s23, bias, biasOff + n, accumulate);
      store4(out, o0 + 3 * N + n, s30, s31, s32, s33, bias, biasOff + n, accumulate);
    }
    for (let r = m; r < m + 4; r++) for (let n = N4; n < N; n++) storeDot(out, oOff, a, aOff, b, bOff, r, n, K, N, bias, biasOff, accumulate);
  }
  for (let m = M4; m < M; m++) {
    const a0 = aOff + m * K;
    for (let n = 0; n < N4; n += 4) {
      const b0 = bOff + n * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      const b3 = b2 + K;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < K; k++) {
        const x = a[a0 + k];
        s0 += x * b[b0 + k]; s1 += x * b[b1 + k]; s2 += x * b[b2 + k]; s3 += x * b[b3 + k];
      }
      store4(out, oOff + m * N + n, s0, s1, s2, s3, bias, biasOff + n, accumulate);
    }
    for (let n = N4; n < N; n++) storeDot(out, oOff, a, aOff, b, bOff, m, n, K, N, bias, biasOff, accumulate);
  }
}

function store4(
  out: Float32Array, o: number, s0: number, s1: number, s2: number, s3: number,
  bias: Float32Array | null, bo: number, accumulate: boolean,
): void {
  if (bias) {
    s0 += bias[bo]; s1 += bias[bo + 1]; s2 += bias[bo + 2]; s3 += bias[bo + 3];
  }
  if (accumulate) {
    out[o] += s0; out[o + 1] += s1; out[o + 2] += s2; out[o + 3] += s3;
  } else {
    out[o] = s0; out[o + 1] = s1; out[o + 2] = s2; out[o + 3] = s3;
  }
}

function storeDot(
  out: Float32Array, oOff: number, a: Float32Array, aOff: number, b: Float32Array, bOff: number,
  m: number, n: number, K: number, N: number, bias: Float32Array | null, biasOff: number, accumulate: boolean,
): void {
  let s = bias ? bias[biasOff + n] : 0;
  const a0 = aOff + m * K;
  const b0 = bOff + n * K;
  for (let k = 0; k < K; k++) s += a[a0 + k] * b[b0 + k];
  if (accumulate) out[oOff + m * N + n] += s;
  else out[oOff + m * N + n] = s;
}

/** Column sums of an R x C matrix accumulated into out[off..off+C). */
export function addColumnSums(out: Float32Array, off: number, inp: Float32Array, R: number, C: number): void {
  for (let r = 0; r < R; r++) {
    const base = r * C;
    for (let c = 0; c < C; c++) out[off + c] += inp[base + c];
  }
}

export function layerNormForward(
  out: Float32Array, mean: Float32Array, rstd: Float32Array, inp: Float32Array,
  params: Float32Array, wOff: number, bOff: number, N: number, C: number,
): void {
  for (let n = 0; n < N; n++) {
    const base = n * C;
    let m = 0;
    for (let c = 0; c < C; c++) m += inp[base + c];
    m /= C;
    let v = 0;
    for (let c = 0; c < C; c++) {
      const d = inp[base + c] - m;
      v += d * d;
    }
    const s = 1 / Math.sqrt(v / C + 1e-5);
    for (let c = 0; c < C; c++) out[base + c] = (inp[base + c] - m) * s * params[wOff + c] + params[bOff + c];
    mean[n] = m;
    rstd[n] = s;
  }
}

export function layerNormBackward(
  dinp: Float32Array, grads: Float32Array, dout: Float32Array, inp: Float32Array, params: Float32Array,
  wOff: number, bOff: number, mean: Float32Array, rstd: Float32Array, N: number, C: number,
): void {
  for (let n = 0; n < N; n++) {
    const base = n * C;
    const m = mean[n];
    const s = rstd[n];
    let dnormMean = 0;
    let dnormNormMean = 0;
    for (let c = 0; c < C; c++) {
      const norm = (inp[base + c] - m) * s;
      const dnorm = params[wOff + c] * dout[base + c];
      dnormMean += dnorm;
      dnormNormMean += dnorm * norm;
    }
    dnormMean /= C;
    dnormNormMean /= C;
    for (let c = 0; c < C; c++) {
      const norm = (inp[base + c] - m) * s;
      const d = dout[base + c];
      grads[bOff + c] += d;
      grads[wOff + c] += norm * d;
      dinp[base + c] += (params[wOff + c] * d - dnormMean - norm * dnormNormMean) * s;
    }
  }
}

const GELU_SCALE = Math.sqrt(2 / Math.PI);

export function geluForward(out: Float32Array, inp: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = inp[i];
    out[i] = 0.5 * x * (1 + Math.tanh(GELU_SCALE * (x + 0.044715 * x * x * x)));
  }
}

export function geluBackward(dinp: Float32Array, inp: Float32Array, dout: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = inp[i];
    const u = GELU_SCALE * (x + 0.044715 * x * x * x);
    const t = Math.tanh(u);
    const sech2 = 1 - t * t;
    const local = 0.5 * (1 + t) + 0.5 * x * sech2 * GELU_SCALE * (1 + 3 * 0.044715 * x * x);
    dinp[i] = local * dout[i];
  }
}
