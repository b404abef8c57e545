import {
  Code, F32, F32_ADD, F32_CONVERT_I32_U, F32_DIV, F32_MAX, F32_MUL, F32_SUB, F32X4_ADD, F32X4_DIV, F32X4_MUL, F32X4_PMAX, F32X4_SPLAT, F32X4_SUB,
  f32, f32load, f32store, f32x4lane, FunctionBuilder,
  I32, I32_ADD, I32_MUL, I32_SUB, i32, i32load, V128, V128_ZERO, v128load, v128load32splat, v128store,
} from './wasm-assembler';
import { at, bytes, exp, expScores, gelu, geluExp, gemm, hsum, instantiateForHeadSize, KernelExports, layerNorm, scoreFour } from './wasm-kernels';

/**
 * The training graph's WebAssembly SIMD kernels, besides the shared gemm and gelu. Attention runs
 * over a packed batch: row i attends to rows start[i] .. i of qkv ([N, 3C]), and its softmax weights
 * for head h lie at att + 4 * (attOff[i] + h * len), len = i - start[i] + 1. Vector loops read up to
 * three rows past the last of qkv and write up to three floats past the last of att and of dp:
 * callers leave that room.
 */
export interface TrainKernelExports extends Pick<KernelExports, 'gemm' | 'gelu' | 'memory'> {
  /** att = softmax(q · K * scale) per row and head; out[i] = att · V. start and attOff are int32 arrays. */
  attentionForward(qkv: number, att: number, out: number, start: number, attOff: number, N: number, C: number, scale: number, bias: number, T: number): void;
  /** dqkv += the gradient of attentionForward's out given dout; dp is scratch for the longest document + 3 floats. */
  attentionBackward(qkv: number, att: number, dout: number, dqkv: number, start: number, attOff: number, N: number, C: number, scale: number, dp: number): void;
  /** dinp[i] = GELU'(inp[i]) * dout[i] for i < n (a multiple of 4); dinp may be dout. */
  geluBackward(dinp: number, inp: number, dout: number, n: number): void;
  /** As KernelExports.layerNorm, also writing each row's (mean, rstd) to stats. */
  layerNorm(out: number, inp: number, w: number, b: number, R: number, C: number, stats: number): void;
  /** dinp += dx, dw += dw, db += db of layerNorm given dout, from the forward's input and stats. */
  layerNormBackward(dinp: number, dw: number, db: number, dout: number, inp: number, w: number, stats: number, R: number, C: number): void;
  /** out[c] += sum_r inp[r, c] for R rows of C (a multiple of 4). */
  addColumnSums(out: number, inp: number, R: number, C: number): void;
  /**
   * For R rows of V logits (row stride ld, a multiple of 4 at least V): stats[r] = (max, sum of
   * exp(logit - max)), the log-sum-exp being max + log(sum). Columns V..ld are set to -inf.
   */
  logSumExp(logits: number, stats: number, R: number, V: number, ld: number): void;
  /** dlogits[r, :] = -d[r] * exp(logits[r, :] - lse[r]) over whole rows of ld (padding columns come out about 0). */
  softmaxBackward(dlogits: number, logits: number, lse: number, d: number, R: number, ld: number): void;
}

/** Locals every attention kernel uses: byte offsets of the row's first key and value, its query row, its weights. */
function attentionFrame(f: FunctionBuilder, V: number): { q: string[]; acc: string[]; row: Code } {
  const q = Array.from({ length: V }, (_, i) => `q${i}`);
  const acc = Array.from({ length: V }, (_, i) => `acc${i}`);
  f.declare(I32, 'i', 'C3', 'C3b', 'kb', 'vb', 'qrow', 'p', 'lenb', 'h', 'j', 'key');
  f.declare(F32, 'max', 'inv', 'w');
  f.declare(V128, ...q, ...acc, 'a0', 'a1', 'a2', 'a3', 's01', 's23', 'x', 'ex_n', 'ex_r');
  const row: Code = [
    f.let('kb', at(f.get('qkv'), [f.get('start'), bytes(f.get('i')), I32_ADD, i32load(), f.get('C3b'), I32_MUL], bytes(f.get('C')))),
    f.let('vb', f.get('kb'), bytes(f.get('C')), I32_ADD),
    f.let('qrow', f.get('qkv'), f.get('i'), f.get('C3b'), I32_MUL, I32_ADD),
    f.let('lenb', bytes([f.get('i'), f.get('start'), bytes(f.get('i')), I32_ADD, i32load(), I32_SUB, i32(1), I32_ADD])),
    f.let('p', f.get('att'), bytes([f.get('attOff'), bytes(f.get('i')), I32_ADD, i32load()]), I32_ADD),
  ];
  return { q, acc, row };
}

const prologue = (f: FunctionBuilder): Code => [f.let('C3', f.get('C'), i32(3), I32_MUL), f.let('C3b', bytes(f.get('C3')))];

/** Per row and head: the query in registers, scores four keys at a time, then the weighted sum of values position by position. */
function attentionForward(headSize: number, alibi: boolean): FunctionBuilder {
  const f = new FunctionBuilder('attentionForward', [
    ['qkv', I32], ['att', I32], ['out', I32], ['start', I32], ['attOff', I32], ['N', I32], ['C', I32], ['scale', F32], ['bias', I32], ['T', I32],
  ]);
  const { q, acc, row } = attentionFrame(f, headSize / 4);
  f.declare(I32, 'bb');
  f.emit(
    prologue(f),
    f.for('i', i32(0), f.get('N'), i32(1),
      row,
      // ALiBi: the row is at position len - 1 of its document, so its penalties start T - len floats into each head's block.
      f.let('bb', f.get('bias'), bytes(f.get('T')), I32_ADD, f.get('lenb'), I32_SUB),
      f.for('h', i32(0), bytes(f.get('C')), i32(4 * headSize),
        q.map((name, i) => f.let(name, at(f.get('qrow'), f.get('h')), v128load(16 * i))),
        f.for('j', i32(0), f.get('lenb'), i32(16),
          at(f.get('p'), f.get('j')), scoreFour(f, q, 'kb', 'C3', 'C3b'), f.get('scale'), F32X4_SPLAT, F32X4_MUL,
          alibi ? [at(f.get('bb'), f.get('j')), v128load(), F32X4_ADD] : [],
          v128store()),
        f.let('bb', f.get('bb'), bytes(f.get('T')), I32_ADD),
        expScores(f, 'p', 'lenb'),
        f.for('j', i32(0), f.get('lenb'), i32(16), at(f.get('p'), f.get('j')), at(f.get('p'), f.get('j')), v128load(), f.get('inv'), F32X4_SPLAT, F32X4_MUL, v128store()),
        acc.map((name) => f.let(name, V128_ZERO)),
        f.for('j', i32(0), f.get('lenb'), i32(4),
          f.let('x', at(f.get('p'), f.get('j')), v128load32splat()),
          f.let('key', at(f.get('vb'), [f.get('j'), f.get('C3'), I32_MUL], f.get('h'))),
          acc.map((name, i) => f.let(name, f.get(name), f.get('x'), f.get('key'), v128load(16 * i), F32X4_MUL, F32X4_ADD))),
        acc.map((name, i) => [at(f.get('out'), [f.get('i'), bytes(f.get('C')), I32_MUL], f.get('h')), f.get(name), v128store(16 * i)]),
        f.let('p', f.get('p'), f.get('lenb'), I32_ADD),
      ),
    ),
  );
  return f;
}

/**
 * Per row and head, with w the softmax weights and g the output gradient: dp_j = g · v_j and
 * dv_j += w_j g; then ds_j = w_j (dp_j - w · dp) scale, dq += ds_j k_j and dk_j += ds_j q.
 */
function attentionBackward(headSize: number): FunctionBuilder {
  const f = new FunctionBuilder('attentionBackward', [
    ['qkv', I32], ['att', I32], ['dout', I32], ['dqkv', I32], ['start', I32], ['attOff', I32], ['N', I32], ['C', I32], ['scale', F32], ['dp', I32],
  ]);
  const { q, acc, row } = attentionFrame(f, headSize / 4);
  f.declare(I32, 'dkb', 'dvb');
  f.declare(F32, 'dot');
  f.declare(V128, 'ws');
  const rowOf = (base: string): Code => at(f.get(base), [f.get('j'), f.get('C3'), I32_MUL], f.get('h'));
  f.emit(
    prologue(f),
    f.for('i', i32(0), f.get('N'), i32(1),
      row,
      f.let('dkb', f.get('kb'), f.get('qkv'), I32_SUB, f.get('dqkv'), I32_ADD),
      f.let('dvb', f.get('vb'), f.get('qkv'), I32_SUB, f.get('dqkv'), I32_ADD),
      f.for('h', i32(0), bytes(f.get('C')), i32(4 * headSize),
        // The output gradient takes the query's registers for the first pass.
        q.map((name, i) => f.let(name, at(f.get('dout'), [f.get('i'), bytes(f.get('C')), I32_MUL], f.get('h')), v128load(16 * i))),
        f.for('j', i32(0), f.get('lenb'), i32(16), at(f.get('dp'), f.get('j')), scoreFour(f, q, 'vb', 'C3', 'C3b'), v128store()),
        f.let('dot', f32(0)),
        f.for('j', i32(0), f.get('lenb'), i32(4),
          f.let('w', at(f.get('p'), f.get('j')), f32load()),
          f.let('dot', f.get('dot'), f.get('w'), at(f.get('dp'), f.get('j')), f32load(), F32_MUL, F32_ADD),
          f.let('ws', f.get('w'), F32X4_SPLAT),
          f.let('key', rowOf('dvb')),
          q.map((name, i) => [f.get('key'), f.get('key'), v128load(16 * i), f.get('ws'), f.get(name), F32X4_MUL, F32X4_ADD, v128store(16 * i)])),
        q.map((name, i) => f.let(name, at(f.get('qrow'), f.get('h')), v128load(16 * i))),
        acc.map((name) => f.let(name, V128_ZERO)),
        f.for('j', i32(0), f.get('lenb'), i32(4),
          f.let('ws', at(f.get('p'), f.get('j')), f32load(), at(f.get('dp'), f.get('j')), f32load(), f.get('dot'), F32_SUB, F32_MUL, f.get('scale'), F32_MUL, F32X4_SPLAT),
          f.let('key', rowOf('kb')),
          acc.map((name, i) => f.let(name, f.get(name), f.get('ws'), f.get('key'), v128load(16 * i), F32X4_MUL, F32X4_ADD)),
          f.let('key', rowOf('dkb')),
          q.map((name, i) => [f.get('key'), f.get('key'), v128load(16 * i), f.get('ws'), f.get(name), F32X4_MUL, F32X4_ADD, v128store(16 * i)])),
        f.let('key', at(f.get('dqkv'), f.get('qrow'), f.get('h')), f.get('qkv'), I32_SUB),
        acc.map((name, i) => [f.get('key'), f.get('key'), v128load(16 * i), f.get(name), F32X4_ADD, v128store(16 * i)]),
        f.let('p', f.get('p'), f.get('lenb'), I32_ADD),
      ),
    ),
  );
  return f;
}

/**
 * With s = e / (e + 1), e = exp(2u) (see gelu): 0.5 (1 + tanh u) = s and sech² u = 4 s (1 - s), so
 * GELU'(x) = s + 2 x s (1 - s) sqrt(2/pi) (1 + 3 * 0.044715 x²), with nothing that overflows.
 */
function geluBackward(): FunctionBuilder {
  const f = new FunctionBuilder('geluBackward', [['dinp', I32], ['inp', I32], ['dout', I32], ['n', I32]]);
  f.declare(I32, 'i');
  f.declare(V128, 'x', 'u', 's', 'ex_n', 'ex_r');
  const x = f.get('x');
  const s = f.get('s');
  f.emit(
    f.for('i', i32(0), bytes(f.get('n')), i32(16),
      f.let('x', f.get('inp'), f.get('i'), I32_ADD, v128load()),
      f.let('u', geluExp(f, 'x')),
      f.let('s', f.get('u'), f.get('u'), f.splat(1), F32X4_ADD, F32X4_DIV),
      f.get('dinp'), f.get('i'), I32_ADD,
      s,
      x, s, F32X4_MUL, f.splat(1), s, F32X4_SUB, F32X4_MUL, f.splat(2 * Math.sqrt(2 / Math.PI)), F32X4_MUL,
      f.splat(1), x, x, F32X4_MUL, f.splat(3 * 0.044715), F32X4_MUL, F32X4_ADD, F32X4_MUL,
      F32X4_ADD,
      f.get('dout'), f.get('i'), I32_ADD, v128load(), F32X4_MUL,
      v128store()),
  );
  return f;
}

/** llm.c's LayerNorm backward, four columns at a time: two sums over the row, then the update. */
function layerNormBackward(): FunctionBuilder {
  const f = new FunctionBuilder('layerNormBackward', [
    ['dinp', I32], ['dw', I32], ['db', I32], ['dout', I32], ['inp', I32], ['w', I32], ['stats', I32], ['R', I32], ['C', I32],
  ]);
  f.declare(I32, 'row', 'rowBytes', 'k');
  f.declare(F32, 'rstd');
  f.declare(V128, 'mv', 'sv', 'sa', 'sb', 'norm', 'd', 'dn');
  const rowAt = (base: string): Code => at(f.get(base), f.get('row'), f.get('k'));
  const norm: Code = f.let('norm', rowAt('inp'), v128load(), f.get('mv'), F32X4_SUB, f.get('sv'), F32X4_MUL);
  const meanOf = (v: string): Code => [hsum(f, v), f.get('C'), F32_CONVERT_I32_U, F32_DIV, F32X4_SPLAT];
  f.emit(
    f.let('rowBytes', bytes(f.get('C'))),
    f.for('row', i32(0), [f.get('R'), f.get('rowBytes'), I32_MUL], f.get('rowBytes'),
      f.let('mv', f.get('stats'), f32load(), F32X4_SPLAT),
      f.let('rstd', f.get('stats'), f32load(4)),
      f.let('sv', f.get('rstd'), F32X4_SPLAT),
      f.let('stats', f.get('stats'), i32(8), I32_ADD),
      f.let('sa', V128_ZERO),
      f.let('sb', V128_ZERO),
      f.for('k', i32(0), f.get('rowBytes'), i32(16),
        norm,
        f.let('dn', at(f.get('w'), f.get('k')), v128load(), rowAt('dout'), v128load(), F32X4_MUL),
        f.let('sa', f.get('sa'), f.get('dn'), F32X4_ADD),
        f.let('sb', f.get('sb'), f.get('dn'), f.get('norm'), F32X4_MUL, F32X4_ADD)),
      f.let('sa', meanOf('sa')),
      f.let('sb', meanOf('sb')),
      f.for('k', i32(0), f.get('rowBytes'), i32(16),
        norm,
        f.let('d', rowAt('dout'), v128load()),
        at(f.get('db'), f.get('k')), at(f.get('db'), f.get('k')), v128load(), f.get('d'), F32X4_ADD, v128store(),
        at(f.get('dw'), f.get('k')), at(f.get('dw'), f.get('k')), v128load(), f.get('norm'), f.get('d'), F32X4_MUL, F32X4_ADD, v128store(),
        rowAt('dinp'), rowAt('dinp'), v128load(),
        at(f.get('w'), f.get('k')), v128load(), f.get('d'), F32X4_MUL, f.get('sa'), F32X4_SUB, f.get('norm'), f.get('sb'), F32X4_MUL, F32X4_SUB, f.get('sv'), F32X4_MUL,
        F32X4_ADD, v128store()),
    ),
  );
  return f;
}

function addColumnSums(): FunctionBuilder {
  const f = new FunctionBuilder('addColumnSums', [['out', I32], ['inp', I32], ['R', I32], ['C', I32]]);
  f.declare(I32, 'p', 'end', 'k', 'rowBytes');
  f.emit(
    f.let('rowBytes', bytes(f.get('C'))),
    f.let('end', f.get('inp'), f.get('R'), f.get('rowBytes'), I32_MUL, I32_ADD),
    f.for('p', f.get('inp'), f.get('end'), f.get('rowBytes'),
      f.for('k', i32(0), f.get('rowBytes'), i32(16),
        at(f.get('out'), f.get('k')), at(f.get('out'), f.get('k')), v128load(), at(f.get('p'), f.get('k')), v128load(), F32X4_ADD, v128store())),
  );
  return f;
}

function logSumExp(): FunctionBuilder {
  const f = new FunctionBuilder('logSumExp', [['logits', I32], ['stats', I32], ['R', I32], ['V', I32], ['ld', I32]]);
  f.declare(I32, 'row', 'end', 'k', 'ldb');
  f.declare(F32, 'max');
  f.declare(V128, 'x', 'sum', 'ex_n', 'ex_r');
  const x: Code = [at(f.get('row'), f.get('k')), v128load()];
  f.emit(
    f.let('ldb', bytes(f.get('ld'))),
    f.let('end', f.get('logits'), f.get('R'), f.get('ldb'), I32_MUL, I32_ADD),
    f.for('row', f.get('logits'), f.get('end'), f.get('ldb'),
      f.for('k', bytes(f.get('V')), f.get('ldb'), i32(4), at(f.get('row'), f.get('k')), f32(-Infinity), f32store()),
      f.let('sum', f.splat(-Infinity)),
      f.for('k', i32(0), f.get('ldb'), i32(16), f.let('sum', f.get('sum'), x, F32X4_PMAX)),
      f.let('max', f.get('sum'), f32x4lane(0), f.get('sum'), f32x4lane(1), F32_MAX, f.get('sum'), f32x4lane(2), F32_MAX, f.get('sum'), f32x4lane(3), F32_MAX),
      f.let('sum', V128_ZERO),
      f.for('k', i32(0), f.get('ldb'), i32(16),
        f.let('x', x, f.get('max'), F32X4_SPLAT, F32X4_SUB),
        f.let('sum', f.get('sum'), exp(f, 'x'), F32X4_ADD)),
      f.get('stats'), f.get('max'), f32store(),
      f.get('stats'), hsum(f, 'sum'), f32store(4),
      f.let('stats', f.get('stats'), i32(8), I32_ADD)),
  );
  return f;
}

function softmaxBackward(): FunctionBuilder {
  const f = new FunctionBuilder('softmaxBackward', [['dlogits', I32], ['logits', I32], ['lse', I32], ['d', I32], ['R', I32], ['ld', I32]]);
  f.declare(I32, 'r', 'k', 'ldb', 'row');
  f.declare(V128, 'x', 'l', 'g', 'ex_n', 'ex_r');
  f.emit(
    f.let('ldb', bytes(f.get('ld'))),
    f.for('r', i32(0), bytes(f.get('R')), i32(4),
      f.let('row', f.get('r'), f.get('ld'), I32_MUL),
      f.let('l', at(f.get('lse'), f.get('r')), v128load32splat()),
      f.let('g', f.splat(0), at(f.get('d'), f.get('r')), v128load32splat(), F32X4_SUB),
      f.for('k', i32(0), f.get('ldb'), i32(16),
        f.let('x', at(f.get('logits'), f.get('row'), f.get('k')), v128load(), f.get('l'), F32X4_SUB),
        at(f.get('dlogits'), f.get('row'), f.get('k')), exp(f, 'x'), f.get('g'), F32X4_MUL, v128store())),
  );
  return f;
}

/** An instance of the training kernels, attention built for heads of headSize floats (a multiple of 4), with ALiBi's penalties or without, with its own memory. */
export function instantiateTrainKernels(headSize: number, alibi = false): TrainKernelExports {
  return instantiateForHeadSize(alibi ? 'train-alibi' : 'train', headSize, () => [
    gemm(), gelu(), geluBackward(), attentionForward(headSize, alibi), attentionBackward(headSize), layerNorm(true), layerNormBackward(),
    addColumnSums(), logSumExp(), softmaxBackward(),
  ]);
}
