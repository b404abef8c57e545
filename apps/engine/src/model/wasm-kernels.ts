import {
  Code, F32, F32_ADD, F32_CONVERT_I32_U, F32_DIV, F32_MAX, F32_SQRT, F32X4_ADD, F32X4_DIV, F32X4_PMAX, F32X4_PMIN,
  F32X4_MUL, F32X4_SPLAT, F32X4_SUB, f32, f32store, f32x4lane, FunctionBuilder, I32,
  I32_ADD, I32_AND, I32_MUL, I32_SHL, I32_SUB, I32X4_ADD, I32X4_SHL, i32, i32load, moduleBytes, SELECT_V128, shuffle32,
  V128, V128_ZERO, v128load, v128load32splat, v128store,
} from './wasm-assembler';

/**
 * The engine's WebAssembly SIMD kernels. Every pointer is a byte address in the instance's memory,
 * every length a count of float32 values. Vector loops step 4 lanes at a time, so the reduction
 * axis of a LayerNorm row, a head and a GELU span must be multiples of 4, and gemm's N a multiple
 * of 8 (callers pad with zeros).
 */
export interface KernelExports {
  /**
   * out[m, n] = sum_k A[m, k] * B[k, n] (+ bias[n] if flags & 2) (+ out[m, n] if flags & 1); N a
   * multiple of 8, any M and K. Byte addresses: out[m, n] at out + m*ldo + 4n, A[m, k] at
   * a + m*am + k*ak, B[k, n..n+7] at b + n*bn + k*bk (panels: bn = 4K, bk = 32; row-major: bn = 4).
   */
  gemm(out: number, ldo: number, a: number, am: number, ak: number, b: number, bn: number, bk: number, bias: number, M: number, K: number, N: number, flags: number): void;
  /** out[r, :] = (inp[r, :] - mean) / sqrt(var + 1e-5) * w + b for R rows of C. */
  layerNorm(out: number, inp: number, w: number, b: number, R: number, C: number): void;
  /** out[i] = GELU(inp[i]) (tanh form) for i < n; out may be inp. */
  gelu(out: number, inp: number, n: number): void;
  /**
   * Causal self-attention of R decode rows against a KV cache. rows holds (slot, pos) int32 pairs;
   * each row's key and value (columns C..3C of its qkv row) are first written at its position in its
   * slot, then out[r] = softmax(q · K[0..pos] * scale) · V[0..pos] per head. A slot is slotBytes
   * long, and the layer's keys start layerBytes into it, head-major: per head, T positions of its
   * keys (hs floats each); then the values likewise. Heads are the instance's head size (hs) wide;
   * scores is scratch for T + 3 floats. An instance built for ALiBi adds bias[head][T - 1 - pos + j]
   * to the score of key j (alibi-bias.ts); others ignore bias.
   */
  attention(qkv: number, out: number, cache: number, rows: number, R: number, C: number, T: number, slotBytes: number, layerBytes: number, scores: number, scale: number, bias: number): void;
  memory: WebAssembly.Memory;
}

/** 4 * v, the byte size of v floats. */
export const bytes = (v: Code): Code => [v, i32(2), I32_SHL];
export const hsum = (f: FunctionBuilder, v: string): Code => [f.get(v), f32x4lane(0), f.get(v), f32x4lane(1), F32_ADD, f.get(v), f32x4lane(2), F32_ADD, f.get(v), f32x4lane(3), F32_ADD];

/**
 * The engine's matmul: out[m, n] = sum_k A[m, k] * B[k, n] (+ bias[n] if flags & 2) (+ out[m, n]
 * if flags & 1), with every operand addressed through byte strides, so one kernel reads weights
 * packed into panels (packPanels), plain row-major matrices and transposed ones without copies.
 * Per step along K, two vector loads of B and one broadcast per row of A feed a block of 4 rows x 8
 * columns of accumulators, which are stored whole, so no horizontal sums are needed. Rows past the
 * last multiple of 4 go through the same loop one at a time.
 */
export function gemm(): FunctionBuilder {
  const f = new FunctionBuilder('gemm', [
    ['out', I32], ['ldo', I32], ['a', I32], ['am', I32], ['ak', I32], ['b', I32], ['bn', I32], ['bk', I32],
    ['bias', I32], ['M', I32], ['K', I32], ['N', I32], ['flags', I32],
  ]);
  f.declare(I32, 'm', 'n', 'pa', 'paEnd', 'pb', 'po', 'acc', 'hasBias', 'm4', 'r1', 'r2', 'r3', 'o1', 'o2', 'o3');
  const accs = [0, 1, 2, 3].map((r) => [0, 1].map((v) => `c${r}${v}`));
  f.declare(V128, ...accs.flat(), 'b0', 'b1', 'x');
  // Byte offsets of rows 1-3 of a block: r in A, o in out.
  const rowOffset = ['', 'r1', 'r2', 'r3'];
  const outOffset = ['', 'o1', 'o2', 'o3'];
  // out = block (+ bias) (+ out), branch-free with select.
  const store = (r: number, v: number): Code => {
    const addr: Code = [f.get('po'), r === 0 ? [] : [f.get(outOffset[r]), I32_ADD]];
    return [
      addr,
      f.get(accs[r][v]),
      f.get('bias'), bytes(f.get('n')), I32_ADD, v128load(16 * v), V128_ZERO, f.get('hasBias'), SELECT_V128, F32X4_ADD,
      addr, v128load(16 * v), V128_ZERO, f.get('acc'), SELECT_V128, F32X4_ADD,
      v128store(16 * v),
    ];
  };
  const block = (rows: number): Code => f.for('n', i32(0), f.get('N'), i32(8),
    f.let('pb', f.get('b'), f.get('n'), f.get('bn'), I32_MUL, I32_ADD),
    accs.slice(0, rows).flat().map((c) => f.let(c, V128_ZERO)),
    f.let('pa', f.get('a'), f.get('m'), f.get('am'), I32_MUL, I32_ADD),
    f.let('paEnd', f.get('pa'), f.get('K'), f.get('ak'), I32_MUL, I32_ADD),
    f.for('pa', f.get('pa'), f.get('paEnd'), f.get('ak'),
      f.let('b0', f.get('pb'), v128load()),
      f.let('b1', f.get('pb'), v128load(16)),
      f.let('pb', f.get('pb'), f.get('bk'), I32_ADD),
      accs.slice(0, rows).map(([c0, c1], r) => [
        f.let('x', f.get('pa'), r === 0 ? [] : [f.get(rowOffset[r]), I32_ADD], v128load32splat()),
        f.let(c0, f.get(c0), f.get('x'), f.get('b0'), F32X4_MUL, F32X4_ADD),
        f.let(c1, f.get(c1), f.get('x'), f.get('b1'), F32X4_MUL, F32X4_ADD),
      ]),
    ),
    f.let('po', f.get('out'), f.get('m'), f.get('ldo'), I32_MUL, I32_ADD, bytes(f.get('n')), I32_ADD),
    Array.from({ length: rows }, (_, r) => [0, 1].map((v) => store(r, v))),
  );
  f.emit(
    f.let('acc', f.get('flags'), i32(1), I32_AND),
    f.let('hasBias', f.get('flags'), i32(2), I32_AND),
    [1, 2, 3].map((r) => [f.let(`r${r}`, f.get('am'), i32(r), I32_MUL), f.let(`o${r}`, f.get('ldo'), i32(r), I32_MUL)]),
    f.let('m4', f.get('M'), i32(~3), I32_AND),
    f.for('m', i32(0), f.get('m4'), i32(4), block(4)),
    f.for('m', f.get('m4'), f.get('M'), i32(1), block(1)),
  );
  return f;
}

/**
 * Packs an N x K row-major weight (out-features by in-features) into the panels gemm reads (bn = 4K, bk = 32):
 * panel p holds, for each k, the 8 weights w[8p .. 8p+7][k]; rows past N are zero.
 */
export function packPanels(dst: Float32Array, at: number, w: Float32Array, wOff: number, N: number, K: number): void {
  const Np = (N + 7) & ~7;
  dst.fill(0, at, at + Np * K);
  for (let n = 0; n < N; n++) {
    const panel = at + (n >> 3) * 8 * K + (n & 7);
    for (let k = 0; k < K; k++) dst[panel + 8 * k] = w[wOff + n * K + k];
  }
}

/**
 * exp of each lane of the vector local x, left on the stack (Cephes' expf: 2^n times a polynomial
 * in the remainder, within about 2e-7 relative). Arguments are clamped to [-87.3, 88.3], where 2^n
 * stays a normal float, so exp(-inf) gives about 1e-38 rather than 0. Uses vector locals ex_n, ex_r.
 */
export function exp(f: FunctionBuilder, x: string): Code {
  const poly = [1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1];
  // 1.5 * 2^23: adding it rounds a float below 2^22 to the nearest integer, left in the low mantissa bits.
  const magic = 12582912;
  const r = f.get('ex_r');
  return [
    f.let('ex_r', f.get(x), f.splat(-87.3), F32X4_PMAX, f.splat(88.3), F32X4_PMIN),
    f.let('ex_n', r, f.splat(Math.LOG2E), F32X4_MUL, f.splat(magic), F32X4_ADD, f.splat(magic), F32X4_SUB),
    f.let('ex_r', r, f.get('ex_n'), f.splat(0.693359375), F32X4_MUL, F32X4_SUB, f.get('ex_n'), f.splat(-2.12194440e-4), F32X4_MUL, F32X4_SUB),
    f.splat(poly[0]),
    poly.slice(1).map((c) => [r, F32X4_MUL, f.splat(c), F32X4_ADD]),
    r, F32X4_MUL, r, F32X4_MUL, r, F32X4_ADD, f.splat(1), F32X4_ADD,
    // 2^n: n + 127 in the exponent bits of each lane (the magic number's own bits shift out; the
    // bits of 1.0 are 127 << 23).
    f.get('ex_n'), f.splat(magic), F32X4_ADD, i32(23), I32X4_SHL, f.splat(1), I32X4_ADD,
    F32X4_MUL,
  ];
}

/** With withStats, a last parameter `stats` receives each row's (mean, rstd) pair, for the backward pass. */
export function layerNorm(withStats = false): FunctionBuilder {
  const f = new FunctionBuilder('layerNorm', [['out', I32], ['inp', I32], ['w', I32], ['b', I32], ['R', I32], ['C', I32], ...(withStats ? [['stats', I32] as [string, typeof I32]] : [])]);
  f.declare(I32, 'row', 'rowBytes', 'k');
  f.declare(F32, 'mean', 'rstd');
  f.declare(V128, 'sum', 'mv', 'd');
  const x: Code = [f.get('inp'), f.get('row'), I32_ADD, f.get('k'), I32_ADD, v128load()];
  f.emit(
    f.let('rowBytes', bytes(f.get('C'))),
    f.for('row', i32(0), [f.get('R'), f.get('rowBytes'), I32_MUL], f.get('rowBytes'),
      f.let('sum', V128_ZERO),
      f.for('k', i32(0), f.get('rowBytes'), i32(16), f.let('sum', f.get('sum'), x, F32X4_ADD)),
      f.let('mean', hsum(f, 'sum'), f.get('C'), F32_CONVERT_I32_U, F32_DIV),
      f.let('mv', f.get('mean'), F32X4_SPLAT),
      f.let('sum', V128_ZERO),
      f.for('k', i32(0), f.get('rowBytes'), i32(16),
        f.let('d', x, f.get('mv'), F32X4_SUB),
        f.let('sum', f.get('sum'), f.get('d'), f.get('d'), F32X4_MUL, F32X4_ADD)),
      f.let('rstd', f32(1), hsum(f, 'sum'), f.get('C'), F32_CONVERT_I32_U, F32_DIV, f32(1e-5), F32_ADD, F32_SQRT, F32_DIV),
      f.let('d', f.get('rstd'), F32X4_SPLAT),
      withStats ? [f.get('stats'), f.get('mean'), f32store(), f.get('stats'), f.get('rstd'), f32store(4), f.let('stats', f.get('stats'), i32(8), I32_ADD)] : [],
      f.for('k', i32(0), f.get('rowBytes'), i32(16),
        f.get('out'), f.get('row'), I32_ADD, f.get('k'), I32_ADD,
        x, f.get('mv'), F32X4_SUB, f.get('d'), F32X4_MUL,
        f.get('w'), f.get('k'), I32_ADD, v128load(), F32X4_MUL,
        f.get('b'), f.get('k'), I32_ADD, v128load(), F32X4_ADD,
        v128store()),
    ),
  );
  return f;
}

/** exp(2u), u = sqrt(2/pi) (x + 0.044715 x^3), of the vector local x (uses vector locals u, ex_n, ex_r). */
export function geluExp(f: FunctionBuilder, x: string): Code {
  const v = f.get(x);
  return [f.let('u', v, v, F32X4_MUL, v, F32X4_MUL, f.splat(0.044715), F32X4_MUL, v, F32X4_ADD, f.splat(2 * Math.sqrt(2 / Math.PI)), F32X4_MUL), exp(f, 'u')];
}

/** GELU's tanh form rewritten as x * (e / (e + 1)) with e = exp(2u), u = sqrt(2/pi) (x + 0.044715 x^3). */
export function gelu(): FunctionBuilder {
  const f = new FunctionBuilder('gelu', [['out', I32], ['inp', I32], ['n', I32]]);
  f.declare(I32, 'i');
  f.declare(V128, 'x', 'u', 'ex_n', 'ex_r');
  const x = f.get('x');
  f.emit(
    f.for('i', i32(0), bytes(f.get('n')), i32(16),
      f.let('x', f.get('inp'), f.get('i'), I32_ADD, v128load()),
      f.let('u', geluExp(f, 'x')),
      f.get('out'), f.get('i'), I32_ADD,
      // e / (e + 1) first: e reaches 2e38, so x * e could overflow where the ratio does not.
      x, f.get('u'), f.get('u'), f.splat(1), F32X4_ADD, F32X4_DIV, F32X4_MUL,
      v128store()),
  );
  return f;
}

/** The sum of byte addresses. */
export const at = (...p: Code[]): Code => [p[0], ...p.slice(1).flatMap((t) => [t, I32_ADD])];

/**
 * The dot products of one head's vector locals q with the rows at positions j/4 .. j/4 + 3 (j a
 * byte offset into scores), as one vector: row t of the head at base + (j/4 + t) * 4 * stride + head,
 * with stride (floats) and strideBytes (4 * stride) locals, and head the local h unless given (none
 * where base is the head's own block). Uses locals key, a0-a3, s01, s23.
 */
export function scoreFour(f: FunctionBuilder, q: readonly string[], base: string, stride: string, strideBytes: string, head: Code[] = [f.get('h')]): Code {
  return [
    [0, 1, 2, 3].map((t) => [
      f.let('key', at(f.get(base), [f.get('j'), f.get(stride), I32_MUL], [f.get(strideBytes), i32(t), I32_MUL], ...head)),
      f.let(`a${t}`, f.get(q[0]), f.get('key'), v128load(), F32X4_MUL),
      q.slice(1).map((name, i) => f.let(`a${t}`, f.get(`a${t}`), f.get(name), f.get('key'), v128load(16 * (i + 1)), F32X4_MUL, F32X4_ADD)),
    ]),
    // Transpose-and-add: lane t of the result is the horizontal sum of a_t.
    f.let('s01', f.get('a0'), f.get('a1'), shuffle32([0, 4, 1, 5]), f.get('a0'), f.get('a1'), shuffle32([2, 6, 3, 7]), F32X4_ADD),
    f.let('s23', f.get('a2'), f.get('a3'), shuffle32([0, 4, 1, 5]), f.get('a2'), f.get('a3'), shuffle32([2, 6, 3, 7]), F32X4_ADD),
    f.get('s01'), f.get('s23'), shuffle32([0, 1, 4, 5]), f.get('s01'), f.get('s23'), shuffle32([2, 3, 6, 7]), F32X4_ADD,
  ];
}

/**
 * scores[0..lenb) (bytes) = exp(scores - max), leaving 1 / their sum in the f32 local inv. The lanes
 * of the last group past lenb are set to -inf first: exp(-inf - max) is about 1e-38 and vanishes in
 * the sum. Uses locals j, x, a0, max, ex_n, ex_r.
 */
export function expScores(f: FunctionBuilder, scores: string, lenb: string): Code {
  return [
    [0, 4, 8].map((o) => [at(f.get(scores), f.get(lenb)), f32(-Infinity), f32store(o)]),
    f.let('x', f.splat(-Infinity)),
    f.for('j', i32(0), f.get(lenb), i32(16), f.let('x', f.get('x'), at(f.get(scores), f.get('j')), v128load(), F32X4_PMAX)),
    f.let('max', f.get('x'), f32x4lane(0), f.get('x'), f32x4lane(1), F32_MAX, f.get('x'), f32x4lane(2), F32_MAX, f.get('x'), f32x4lane(3), F32_MAX),
    f.let('a0', V128_ZERO),
    f.for('j', i32(0), f.get(lenb), i32(16),
      f.let('x', at(f.get(scores), f.get('j')), v128load(), f.get('max'), F32X4_SPLAT, F32X4_SUB),
      f.let('x', exp(f, 'x')),
      at(f.get(scores), f.get('j')), f.get('x'), v128store(),
      f.let('a0', f.get('a0'), f.get('x'), F32X4_ADD)),
    f.let('inv', f32(1), hsum(f, 'a0'), F32_DIV),
  ];
}

/**
 * Attention for one head size: the head's query stays in registers (hs/4 vectors) while keys are
 * scored four positions at a time, and the weighted sum of values runs position by position into
 * hs/4 register accumulators. The cache is head-major (a head's keys, and its values, for all T
 * positions lie together), so each of these passes reads one contiguous run of memory: at large
 * batch the cache is far bigger than the caches and the passes stream it from memory.
 */
function attention(headSize: number, alibi: boolean): FunctionBuilder {
  const f = new FunctionBuilder('attention', [
    ['qkv', I32], ['out', I32], ['cache', I32], ['rows', I32], ['R', I32], ['C', I32], ['T', I32],
    ['slotBytes', I32], ['layerBytes', I32], ['scores', I32], ['scale', F32], ['bias', I32],
  ]);
  const V = headSize / 4;
  const q = Array.from({ length: V }, (_, i) => `q${i}`);
  const acc = Array.from({ length: V }, (_, i) => `acc${i}`);
  // Byte offsets throughout: h is the head's offset in a row, j the position's offset in scores.
  f.declare(I32, 'r', 'Cb', 'pos', 'kb', 'vb', 'hk', 'hv', 'qrow', 'lenb', 'h', 'j', 'key', 'hs', 'hsb', 'bb');
  f.declare(F32, 'max', 'inv');
  f.declare(V128, ...q, ...acc, 'a0', 'a1', 'a2', 'a3', 's01', 's23', 'x', 'ex_n', 'ex_r');
  const vectors = (n: number, code: (i: number) => Code): Code => Array.from({ length: n }, (_, i) => code(i));
  f.emit(
    f.let('Cb', bytes(f.get('C'))),
    f.let('hs', i32(headSize)),
    f.let('hsb', i32(4 * headSize)),
    f.for('r', i32(0), f.get('R'), i32(1),
      f.let('kb', at(f.get('cache'), [f.get('rows'), f.get('r'), i32(8), I32_MUL, I32_ADD, i32load(), f.get('slotBytes'), I32_MUL], f.get('layerBytes'))),
      f.let('pos', f.get('rows'), f.get('r'), i32(8), I32_MUL, I32_ADD, i32load(4)),
      f.let('vb', f.get('kb'), f.get('T'), f.get('Cb'), I32_MUL, I32_ADD),
      f.let('qrow', f.get('qkv'), f.get('r'), f.get('Cb'), I32_MUL, i32(3), I32_MUL, I32_ADD),
      f.let('lenb', bytes([f.get('pos'), i32(1), I32_ADD])),
      // The row's run of the first head's penalties: T - 1 - pos floats into its block.
      f.let('bb', f.get('bias'), bytes([f.get('T'), f.get('pos'), I32_SUB, i32(1), I32_SUB]), I32_ADD),
      f.for('h', i32(0), f.get('Cb'), f.get('hsb'),
        // The head's block: T positions of hs floats, h / hsb blocks into the layer's keys (values).
        f.let('hk', f.get('kb'), f.get('h'), f.get('T'), I32_MUL, I32_ADD),
        f.let('hv', f.get('vb'), f.get('h'), f.get('T'), I32_MUL, I32_ADD),
        vectors(V, (i) => [at(f.get('hk'), [f.get('pos'), f.get('hsb'), I32_MUL]), at(f.get('qrow'), f.get('Cb'), f.get('h')), v128load(16 * i), v128store(16 * i)]),
        vectors(V, (i) => [at(f.get('hv'), [f.get('pos'), f.get('hsb'), I32_MUL]), at(f.get('qrow'), f.get('Cb'), f.get('Cb'), f.get('h')), v128load(16 * i), v128store(16 * i)]),
        q.map((name, i) => f.let(name, at(f.get('qrow'), f.get('h')), v128load(16 * i))),
        // Scores of whole groups of four positions; keys past pos are read (they lie inside the
        // cache) but their lanes are overwritten with -inf before they count.
        f.for('j', i32(0), f.get('lenb'), i32(16),
          at(f.get('scores'), f.get('j')), scoreFour(f, q, 'hk', 'hs', 'hsb', []), f.get('scale'), F32X4_SPLAT, F32X4_MUL,
          alibi ? [at(f.get('bb'), f.get('j')), v128load(), F32X4_ADD] : [],
          v128store()),
        f.let('bb', f.get('bb'), bytes(f.get('T')), I32_ADD),
        expScores(f, 'scores', 'lenb'),
        acc.map((name) => f.let(name, V128_ZERO)),
        f.for('j', i32(0), f.get('lenb'), i32(4),
          f.let('x', at(f.get('scores'), f.get('j')), v128load32splat()),
          f.let('key', at(f.get('hv'), [f.get('j'), f.get('hs'), I32_MUL])),
          acc.map((name, i) => f.let(name, f.get(name), f.get('x'), f.get('key'), v128load(16 * i), F32X4_MUL, F32X4_ADD))),
        acc.map((name, i) => [at(f.get('out'), [f.get('r'), f.get('Cb'), I32_MUL], f.get('h')), f.get(name), f.get('inv'), F32X4_SPLAT, F32X4_MUL, v128store(16 * i)]),
      ),
    ),
  );
  return f;
}

/**
 * The module that `functions` builds for heads of headSize floats (a multiple of 4), on its own
 * memory or on an imported shared one (wasm-assembler.ts); compiled once per kind, head size and
 * memory.
 */
export function compileForHeadSize(kind: string, headSize: number, functions: () => FunctionBuilder[], memory: 'own' | 'shared' = 'own'): WebAssembly.Module {
  if (headSize % 4 !== 0 || headSize <= 0) throw new Error(`head size ${headSize} is not a positive multiple of 4`);
  const key = `${kind}/${headSize}/${memory}`;
  let module = modules.get(key);
  if (!module) {
    module = new WebAssembly.Module(moduleBytes(functions(), memory));
    modules.set(key, module);
  }
  return module;
}

/** An instance, with its own memory, of the module that `functions` builds for heads of headSize floats. */
export function instantiateForHeadSize<T>(kind: string, headSize: number, functions: () => FunctionBuilder[]): T {
  return new WebAssembly.Instance(compileForHeadSize(kind, headSize, functions), {}).exports as unknown as T;
}

const modules = new Map<string, WebAssembly.Module>();

/**
 * The decode kernels' module, its attention built for heads of headSize floats (a multiple of 4),
 * with ALiBi's penalties or without; on its own memory, or on a shared one that a decoder and its
 * threads instantiate it on (decoder.ts).
 */
export function decodeModule(headSize: number, alibi: boolean, memory: 'own' | 'shared'): WebAssembly.Module {
  return compileForHeadSize(alibi ? 'decode-alibi' : 'decode', headSize, () => [gemm(), layerNorm(), gelu(), attention(headSize, alibi)], memory);
}

/** An instance of every decode kernel (decodeModule) with its own memory, or on the shared memory given. */
export function instantiateKernels(headSize: number, alibi = false, memory?: WebAssembly.Memory): KernelExports {
  const module = decodeModule(headSize, alibi, memory ? 'shared' : 'own');
  return new WebAssembly.Instance(module, memory ? { env: { memory } } : {}).exports as unknown as KernelExports;
}
