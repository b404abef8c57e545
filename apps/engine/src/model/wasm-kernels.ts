import {
  Code, F32, F32_ADD, F32_CONVERT_I32_U, F32_DIV, F32_MAX, F32_SQRT, F32X4_ADD, F32X4_DIV, F32X4_MAX, F32X4_MIN,
  F32X4_MUL, F32X4_NEAREST, F32X4_SPLAT, F32X4_SUB, f32, f32store, f32x4, f32x4lane, FunctionBuilder, I32,
  I32_ADD, I32_AND, I32_MUL, I32_SHL, I32_SUB, I32X4_ADD, I32X4_SHL, I32X4_TRUNC_SAT_F32X4_S, i32, i32load, i32x4, moduleBytes, SELECT_V128, shuffle32,
  V128, V128_ZERO, v128load, v128load32splat, v128store,
} from './wasm-assembler';

/**
 * The engine's WebAssembly SIMD kernels. Every pointer is a byte address in the instance's memory,
 * every length a count of float32 values. Vector loops step 4 lanes at a time, so the reduction
 * axis of a matmul, a LayerNorm row, a head and a GELU span must be multiples of 4, and the
 * matmuls' M and N multiples of their block sizes (callers pad with zeros).
 */
export interface KernelExports {
  /** out[m, n] = sum_k a[m, k] * b[n, k]; M a multiple of 2, K and N of 4. */
  matmul(out: number, a: number, b: number, M: number, K: number, N: number): void;
  /**
   * out[m, n] = sum_k a[m, k] * w[n, k] (+ bias[n] if flags & 2) (+ out[m, n] if flags & 1), with w
   * in packPanels' layout; N a multiple of 8, any M.
   */
  matmulPacked(out: number, a: number, panels: number, bias: number, M: number, K: number, N: number, flags: number): void;
  /** out[r, :] = (inp[r, :] - mean) / sqrt(var + 1e-5) * w + b for R rows of C. */
  layerNorm(out: number, inp: number, w: number, b: number, R: number, C: number): void;
  /** p[i] = GELU(p[i]) (tanh form) for i < n. */
  gelu(p: number, n: number): void;
  /**
   * Causal self-attention of R decode rows against a KV cache. rows holds (slot, pos) int32 pairs;
   * each row's key and value (columns C..3C of its qkv row) are first written at its position in its
   * slot, then out[r] = softmax(q · K[0..pos] * scale) · V[0..pos] per head. A slot is slotBytes
   * long, and the layer's keys start layerBytes into it: T positions of C keys, then T of C values.
   * Heads are the instance's head size wide; scores is scratch for T + 3 floats.
   */
  attention(qkv: number, out: number, cache: number, rows: number, R: number, C: number, T: number, slotBytes: number, layerBytes: number, scores: number, scale: number): void;
  memory: WebAssembly.Memory;
}

/** 4 * v, the byte size of v floats. */
const bytes = (v: Code): Code => [v, i32(2), I32_SHL];
const hsum = (f: FunctionBuilder, v: string): Code => [f.get(v), f32x4lane(0), f.get(v), f32x4lane(1), F32_ADD, f.get(v), f32x4lane(2), F32_ADD, f.get(v), f32x4lane(3), F32_ADD];

function matmul(): FunctionBuilder {
  const f = new FunctionBuilder('matmul', [['out', I32], ['a', I32], ['b', I32], ['M', I32], ['K', I32], ['N', I32]]);
  f.declare(I32, 'm', 'n', 'k', 'rowBytes', 'pa0', 'pa1', 'pb0', 'pb1', 'pb2', 'pb3', 'po');
  const accs = ['s00', 's01', 's02', 's03', 's10', 's11', 's12', 's13'];
  f.declare(V128, ...accs, 'va0', 'va1', 'vb0', 'vb1', 'vb2', 'vb3');
  const pb = ['pb0', 'pb1', 'pb2', 'pb3'];
  f.emit(
    f.let('rowBytes', bytes(f.get('K'))),
    f.for('m', i32(0), f.get('M'), i32(2),
      f.let('pa0', f.get('a'), f.get('m'), f.get('rowBytes'), I32_MUL, I32_ADD),
      f.let('pa1', f.get('pa0'), f.get('rowBytes'), I32_ADD),
      f.for('n', i32(0), f.get('N'), i32(4),
        f.let('pb0', f.get('b'), f.get('n'), f.get('rowBytes'), I32_MUL, I32_ADD),
        [1, 2, 3].map((j) => f.let(pb[j], f.get(pb[j - 1]), f.get('rowBytes'), I32_ADD)),
        accs.map((s) => f.let(s, V128_ZERO)),
        f.for('k', i32(0), f.get('rowBytes'), i32(16),
          f.let('va0', f.get('pa0'), f.get('k'), I32_ADD, v128load()),
          f.let('va1', f.get('pa1'), f.get('k'), I32_ADD, v128load()),
          pb.map((p, j) => f.let(`vb${j}`, f.get(p), f.get('k'), I32_ADD, v128load())),
          [0, 1].map((r) => [0, 1, 2, 3].map((c) => f.let(`s${r}${c}`, f.get(`s${r}${c}`), f.get(`va${r}`), f.get(`vb${c}`), F32X4_MUL, F32X4_ADD))),
        ),
        f.let('po', f.get('out'), bytes([f.get('m'), f.get('N'), I32_MUL, f.get('n'), I32_ADD]), I32_ADD),
        [0, 1].map((r) => [0, 1, 2, 3].map((c) => [r === 0 ? f.get('po') : [f.get('po'), bytes(f.get('N')), I32_ADD], hsum(f, `s${r}${c}`), f32store(4 * c)])),
      ),
    ),
  );
  return f;
}

/**
 * The decoder's matmul against weights packed once into panels of 8 output columns (see
 * packPanels): per step along K, two vector loads of the panel and one broadcast per row feed a
 * block of 4 rows x 8 columns of accumulators, which are stored whole, so no horizontal sums are
 * needed. Rows past the last multiple of 4 go through the same loop one at a time.
 */
function matmulPacked(): FunctionBuilder {
  const f = new FunctionBuilder('matmulPacked', [['out', I32], ['a', I32], ['panels', I32], ['bias', I32], ['M', I32], ['K', I32], ['N', I32], ['flags', I32]]);
  f.declare(I32, 'm', 'n', 'rowBytes', 'ka', 'kEnd', 'pk', 'po', 'acc', 'hasBias', 'm4', 'r1', 'r2', 'r3', 'o1', 'o2', 'o3');
  const accs = [0, 1, 2, 3].map((r) => [0, 1].map((v) => `c${r}${v}`));
  f.declare(V128, ...accs.flat(), 'b0', 'b1', 'x');
  // Byte offsets of rows 1-3 of a block: r in A (K floats a row), o in out (N floats a row).
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
    // Panel n/8 starts n/8 * 8K floats in: n * K * 4 bytes.
    f.let('pk', f.get('panels'), f.get('n'), f.get('rowBytes'), I32_MUL, I32_ADD),
    accs.slice(0, rows).flat().map((c) => f.let(c, V128_ZERO)),
    f.let('kEnd', f.get('a'), f.get('m'), f.get('rowBytes'), I32_MUL, I32_ADD, f.get('rowBytes'), I32_ADD),
    f.for('ka', [f.get('kEnd'), f.get('rowBytes'), I32_SUB], f.get('kEnd'), i32(4),
      f.let('b0', f.get('pk'), v128load()),
      f.let('b1', f.get('pk'), v128load(16)),
      f.let('pk', f.get('pk'), i32(32), I32_ADD),
      accs.slice(0, rows).map(([c0, c1], r) => [
        f.let('x', f.get('ka'), r === 0 ? [] : [f.get(rowOffset[r]), I32_ADD], v128load32splat()),
        f.let(c0, f.get(c0), f.get('x'), f.get('b0'), F32X4_MUL, F32X4_ADD),
        f.let(c1, f.get(c1), f.get('x'), f.get('b1'), F32X4_MUL, F32X4_ADD),
      ]),
    ),
    f.let('po', f.get('out'), bytes([f.get('m'), f.get('N'), I32_MUL, f.get('n'), I32_ADD]), I32_ADD),
    Array.from({ length: rows }, (_, r) => [0, 1].map((v) => store(r, v))),
  );
  f.emit(
    f.let('rowBytes', bytes(f.get('K'))),
    f.let('acc', f.get('flags'), i32(1), I32_AND),
    f.let('hasBias', f.get('flags'), i32(2), I32_AND),
    [1, 2, 3].map((r) => [f.let(`r${r}`, f.get('rowBytes'), i32(r), I32_MUL), f.let(`o${r}`, bytes(f.get('N')), i32(r), I32_MUL)]),
    f.let('m4', f.get('M'), i32(~3), I32_AND),
    f.for('m', i32(0), f.get('m4'), i32(4), block(4)),
    f.for('m', f.get('m4'), f.get('M'), i32(1), block(1)),
  );
  return f;
}

/**
 * Packs an N x K row-major weight (out-features by in-features) into the panels matmulPacked reads:
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
function exp(f: FunctionBuilder, x: string): Code {
  const poly = [1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1];
  const r = f.get('ex_r');
  return [
    f.let('ex_r', f.get(x), f32x4(-87.3), F32X4_MAX, f32x4(88.3), F32X4_MIN),
    f.let('ex_n', r, f32x4(Math.LOG2E), F32X4_MUL, F32X4_NEAREST),
    f.let('ex_r', r, f.get('ex_n'), f32x4(0.693359375), F32X4_MUL, F32X4_SUB, f.get('ex_n'), f32x4(-2.12194440e-4), F32X4_MUL, F32X4_SUB),
    f32x4(poly[0]),
    poly.slice(1).map((c) => [r, F32X4_MUL, f32x4(c), F32X4_ADD]),
    r, F32X4_MUL, r, F32X4_MUL, r, F32X4_ADD, f32x4(1), F32X4_ADD,
    // 2^n: n + 127 in the exponent bits of each lane.
    f.get('ex_n'), I32X4_TRUNC_SAT_F32X4_S, i32x4(127), I32X4_ADD, i32(23), I32X4_SHL,
    F32X4_MUL,
  ];
}

function layerNorm(): FunctionBuilder {
  const f = new FunctionBuilder('layerNorm', [['out', I32], ['inp', I32], ['w', I32], ['b', I32], ['R', I32], ['C', I32]]);
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

/** GELU's tanh form rewritten as x * (e / (e + 1)) with e = exp(2u), u = sqrt(2/pi) (x + 0.044715 x^3). */
function gelu(): FunctionBuilder {
  const f = new FunctionBuilder('gelu', [['p', I32], ['n', I32]]);
  f.declare(I32, 'i');
  f.declare(V128, 'x', 'u', 'ex_n', 'ex_r');
  const x = f.get('x');
  f.emit(
    f.for('i', i32(0), bytes(f.get('n')), i32(16),
      f.let('x', f.get('p'), f.get('i'), I32_ADD, v128load()),
      f.let('u', x, x, F32X4_MUL, x, F32X4_MUL, f32x4(0.044715), F32X4_MUL, x, F32X4_ADD, f32x4(2 * Math.sqrt(2 / Math.PI)), F32X4_MUL),
      f.let('u', exp(f, 'u')),
      f.get('p'), f.get('i'), I32_ADD,
      // e / (e + 1) first: e reaches 2e38, so x * e could overflow where the ratio does not.
      x, f.get('u'), f.get('u'), f32x4(1), F32X4_ADD, F32X4_DIV, F32X4_MUL,
      v128store()),
  );
  return f;
}

/**
 * Attention for one head size: the head's query stays in registers (hs/4 vectors) while keys are
 * scored four positions at a time, and the weighted sum of values runs position by position into
 * hs/4 register accumulators.
 */
function attention(headSize: number): FunctionBuilder {
  const f = new FunctionBuilder('attention', [
    ['qkv', I32], ['out', I32], ['cache', I32], ['rows', I32], ['R', I32], ['C', I32], ['T', I32],
    ['slotBytes', I32], ['layerBytes', I32], ['scores', I32], ['scale', F32],
  ]);
  const V = headSize / 4;
  const lanes = Array.from({ length: V }, (_, i) => i);
  const q = lanes.map((i) => `q${i}`);
  const acc = lanes.map((i) => `acc${i}`);
  // Byte offsets throughout: h is the head's offset in a row, j the position's offset in scores.
  f.declare(I32, 'r', 'Cb', 'pos', 'kb', 'vb', 'qrow', 'c', 'lenb', 'h', 'j', 'key');
  f.declare(F32, 'max', 'inv');
  f.declare(V128, ...q, ...acc, 'a0', 'a1', 'a2', 'a3', 's01', 's23', 'x', 'ex_n', 'ex_r');
  const at = (...p: Code[]): Code => [p[0], ...p.slice(1).flatMap((t) => [t, I32_ADD])];
  // The dot products of the query with the keys at positions j/4 .. j/4 + 3, as one vector.
  const scoreFour: Code = [
    [0, 1, 2, 3].map((t) => [
      f.let('key', at(f.get('kb'), [f.get('j'), f.get('C'), I32_MUL], [f.get('Cb'), i32(t), I32_MUL], f.get('h'))),
      f.let(`a${t}`, f.get(q[0]), f.get('key'), v128load(), F32X4_MUL),
      lanes.slice(1).map((i) => f.let(`a${t}`, f.get(`a${t}`), f.get(q[i]), f.get('key'), v128load(16 * i), F32X4_MUL, F32X4_ADD)),
    ]),
    // Transpose-and-add: lane t of the result is the horizontal sum of a_t.
    f.let('s01', f.get('a0'), f.get('a1'), shuffle32([0, 4, 1, 5]), f.get('a0'), f.get('a1'), shuffle32([2, 6, 3, 7]), F32X4_ADD),
    f.let('s23', f.get('a2'), f.get('a3'), shuffle32([0, 4, 1, 5]), f.get('a2'), f.get('a3'), shuffle32([2, 6, 3, 7]), F32X4_ADD),
    f.get('s01'), f.get('s23'), shuffle32([0, 1, 4, 5]), f.get('s01'), f.get('s23'), shuffle32([2, 3, 6, 7]), F32X4_ADD,
  ];
  f.emit(
    f.let('Cb', bytes(f.get('C'))),
    f.for('r', i32(0), f.get('R'), i32(1),
      f.let('kb', at(f.get('cache'), [f.get('rows'), f.get('r'), i32(8), I32_MUL, I32_ADD, i32load(), f.get('slotBytes'), I32_MUL], f.get('layerBytes'))),
      f.let('pos', f.get('rows'), f.get('r'), i32(8), I32_MUL, I32_ADD, i32load(4)),
      f.let('vb', f.get('kb'), f.get('T'), f.get('Cb'), I32_MUL, I32_ADD),
      f.let('qrow', f.get('qkv'), f.get('r'), f.get('Cb'), I32_MUL, i32(3), I32_MUL, I32_ADD),
      f.for('c', i32(0), f.get('Cb'), i32(16),
        at(f.get('kb'), [f.get('pos'), f.get('Cb'), I32_MUL], f.get('c')), at(f.get('qrow'), f.get('Cb'), f.get('c')), v128load(), v128store(),
        at(f.get('vb'), [f.get('pos'), f.get('Cb'), I32_MUL], f.get('c')), at(f.get('qrow'), f.get('Cb'), f.get('Cb'), f.get('c')), v128load(), v128store()),
      f.let('lenb', bytes([f.get('pos'), i32(1), I32_ADD])),
      f.for('h', i32(0), f.get('Cb'), i32(4 * headSize),
        q.map((name, i) => f.let(name, at(f.get('qrow'), f.get('h')), v128load(16 * i))),
        // Scores of whole groups of four positions; keys past pos are read (they lie inside the
        // cache) but their lanes are overwritten with -inf before they count.
        f.for('j', i32(0), f.get('lenb'), i32(16), at(f.get('scores'), f.get('j')), scoreFour, f.get('scale'), F32X4_SPLAT, F32X4_MUL, v128store()),
        [0, 4, 8].map((o) => [at(f.get('scores'), f.get('lenb')), f32(-Infinity), f32store(o)]),
        f.let('x', f32x4(-Infinity)),
        f.for('j', i32(0), f.get('lenb'), i32(16), f.let('x', f.get('x'), at(f.get('scores'), f.get('j')), v128load(), F32X4_MAX)),
        f.let('max', f.get('x'), f32x4lane(0), f.get('x'), f32x4lane(1), F32_MAX, f.get('x'), f32x4lane(2), F32_MAX, f.get('x'), f32x4lane(3), F32_MAX),
        // exp(-inf - max) is about 1e-38: it vanishes in the sum.
        f.let('a0', V128_ZERO),
        f.for('j', i32(0), f.get('lenb'), i32(16),
          f.let('x', at(f.get('scores'), f.get('j')), v128load(), f.get('max'), F32X4_SPLAT, F32X4_SUB),
          f.let('x', exp(f, 'x')),
          at(f.get('scores'), f.get('j')), f.get('x'), v128store(),
          f.let('a0', f.get('a0'), f.get('x'), F32X4_ADD)),
        f.let('inv', f32(1), hsum(f, 'a0'), F32_DIV),
        acc.map((name) => f.let(name, V128_ZERO)),
        f.for('j', i32(0), f.get('lenb'), i32(4),
          f.let('x', at(f.get('scores'), f.get('j')), v128load32splat()),
          f.let('key', at(f.get('vb'), [f.get('j'), f.get('C'), I32_MUL], f.get('h'))),
          acc.map((name, i) => f.let(name, f.get(name), f.get('x'), f.get('key'), v128load(16 * i), F32X4_MUL, F32X4_ADD))),
        acc.map((name, i) => [at(f.get('out'), [f.get('r'), f.get('Cb'), I32_MUL], f.get('h')), f.get(name), f.get('inv'), F32X4_SPLAT, F32X4_MUL, v128store(16 * i)]),
      ),
    ),
  );
  return f;
}

const matmulModule = new WebAssembly.Module(moduleBytes([matmul()]));
const decodeModules = new Map<number, WebAssembly.Module>();

/** An instance of the matmul alone, with its own memory (one page to start; grow it as needed). */
export function instantiateMatmul(): Pick<KernelExports, 'matmul' | 'memory'> {
  return new WebAssembly.Instance(matmulModule, {}).exports as unknown as KernelExports;
}

/** An instance of every decode kernel, its attention built for heads of headSize floats (a multiple of 4), with its own memory. */
export function instantiateKernels(headSize: number): Omit<KernelExports, 'matmul'> {
  if (headSize % 4 !== 0 || headSize <= 0) throw new Error(`head size ${headSize} is not a positive multiple of 4`);
  let module = decodeModules.get(headSize);
  if (!module) {
    module = new WebAssembly.Module(moduleBytes([matmulPacked(), layerNorm(), gelu(), attention(headSize)]));
    decodeModules.set(headSize, module);
  }
  return new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
}
