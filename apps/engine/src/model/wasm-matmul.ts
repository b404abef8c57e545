/**
 * The engine's matmul as a WebAssembly SIMD kernel, assembled here byte by byte (no toolchain is
 * needed at build or run time). V8 compiles the f32x4 loop to SSE instructions: four products per
 * instruction and no bounds checks, where the JavaScript kernel does one double-precision product
 * per instruction. Operands are copied into the module's memory, padded with zeros so that every
 * loop runs over whole 2x4 output blocks and whole 4-wide steps along the reduction axis.
 */

const I32 = 0x7f;
const V128 = 0x7b;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function name(s: string): number[] {
  return [...uleb(s.length), ...Buffer.from(s, 'ascii')];
}

// Opcodes (WebAssembly core and SIMD specifications).
const get = (i: number): number[] => [0x20, ...uleb(i)];
const set = (i: number): number[] => [0x21, ...uleb(i)];
const i32const = (v: number): number[] => [0x41, ...uleb(v)]; // only small non-negative constants
const I32_ADD = 0x6a;
const I32_MUL = 0x6c;
const I32_GE_U = 0x4f;
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const END = 0x0b;
const br = (depth: number): number[] => [0x0c, depth];
const brIf = (depth: number): number[] => [0x0d, depth];
const v128load = (offset = 0): number[] => [0xfd, 0x00, 0x02, ...uleb(offset)];
const v128zero = [0xfd, 0x0c, ...new Array(16).fill(0)];
const F32X4_ADD = [0xfd, 0xe4, 0x01];
const F32X4_MUL = [0xfd, 0xe6, 0x01];
const extractLane = (lane: number): number[] => [0xfd, 0x1f, lane];
const F32_ADD = 0x92;
const f32store = (offset: number): number[] => [0x38, 0x02, ...uleb(offset)];

// matmul(out, a, b, M, K, N): out[m*N + n] = sum_k a[m*K + k] * b[n*K + k], byte addresses,
// M a multiple of 2, K and N multiples of 4.
const [OUT, A, B, M, K, N] = [0, 1, 2, 3, 4, 5];
const [m, n, k, pa0, pa1, pb0, pb1, pb2, pb3, rowBytes, po] = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
const ACC = 17; // 8 accumulators: ACC + 4*row + col
const VA = 25; // 2 rows of a
const VB = 27; // 4 rows of b

function body(): number[] {
  const code: number[] = [];
  const emit = (...parts: (number | number[])[]): void => {
    for (const p of parts) {
      if (Array.isArray(p)) code.push(...p);
      else code.push(p);
    }
  };
  emit(get(K), i32const(4), I32_MUL, set(rowBytes));
  emit(i32const(0), set(m));
  emit(BLOCK, LOOP);
  emit(get(m), get(M), I32_GE_U, brIf(1));
  emit(get(A), get(m), get(rowBytes), I32_MUL, I32_ADD, set(pa0));
  emit(get(pa0), get(rowBytes), I32_ADD, set(pa1));
  emit(i32const(0), set(n));
  emit(BLOCK, LOOP);
  emit(get(n), get(N), I32_GE_U, brIf(1));
  emit(get(B), get(n), get(rowBytes), I32_MUL, I32_ADD, set(pb0));
  emit(get(pb0), get(rowBytes), I32_ADD, set(pb1));
  emit(get(pb1), get(rowBytes), I32_ADD, set(pb2));
  emit(get(pb2), get(rowBytes), I32_ADD, set(pb3));
  for (let i = 0; i < 8; i++) emit(v128zero, set(ACC + i));
  emit(i32const(0), set(k));
  emit(BLOCK, LOOP);
  emit(get(k), get(rowBytes), I32_GE_U, brIf(1));
  emit(get(pa0), get(k), I32_ADD, v128load(), set(VA));
  emit(get(pa1), get(k), I32_ADD, v128load(), set(VA + 1));
  [pb0, pb1, pb2, pb3].forEach((p, j) => emit(get(p), get(k), I32_ADD, v128load(), set(VB + j)));
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < 4; c++) emit(get(ACC + 4 * r + c), get(VA + r), get(VB + c), F32X4_MUL, F32X4_ADD, set(ACC + 4 * r + c));
  }
  emit(get(k), i32const(16), I32_ADD, set(k), br(0));
  emit(END, END);
  // po = out + (m*N + n)*4; row 1 of the block is N*4 bytes further.
  emit(get(OUT), get(m), get(N), I32_MUL, get(n), I32_ADD, i32const(4), I32_MUL, I32_ADD, set(po));
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < 4; c++) {
      const acc = ACC + 4 * r + c;
      emit(get(po));
      if (r === 1) emit(get(N), i32const(4), I32_MUL, I32_ADD);
      emit(get(acc), extractLane(0), get(acc), extractLane(1), F32_ADD, get(acc), extractLane(2), F32_ADD, get(acc), extractLane(3), F32_ADD);
      emit(f32store(4 * c));
    }
  }
  emit(get(n), i32const(4), I32_ADD, set(n), br(0));
  emit(END, END);
  emit(get(m), i32const(2), I32_ADD, set(m), br(0));
  emit(END, END);
  emit(END);
  const locals = [...uleb(2), ...uleb(11), I32, ...uleb(14), V128];
  const full = [...locals, ...code];
  return [...uleb(full.length), ...full];
}

function moduleBytes(): Uint8Array {
  const type = section(1, [1, 0x60, 6, I32, I32, I32, I32, I32, I32, 0]);
  const func = section(3, [1, 0]);
  const memory = section(5, [1, 0x00, 1]);
  const exports = section(7, [2, ...name('matmul'), 0x00, 0, ...name('memory'), 0x02, 0]);
  const code = section(10, [1, ...body()]);
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...type, ...func, ...memory, ...exports, ...code]);
}

const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes()), {});
const kernel = instance.exports.matmul as (out: number, a: number, b: number, M: number, K: number, N: number) => void;
const memory = instance.exports.memory as WebAssembly.Memory;
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
  kernel(oAt * 4, aAt * 4, bAt * 4, Mp, Kp, Np);
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
