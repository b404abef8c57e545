import { alibiBias } from './alibi-bias';
import { learnsPositions, ModelConfig, Offsets, parameterOffsets } from './model-config';
import { instantiateTrainKernels, TrainKernelExports } from './train-kernels';
import { packPanels } from './wasm-kernels';

/**
 * A batch is a list of documents laid end to end (no padding): every token attends only within its
 * own document and positions restart at each document, so a packed batch computes exactly what
 * separate sequences would, and exactly what the KV-cache decoder computes at inference.
 */
export interface PackedBatch {
  tokens: Int32Array;
  /** Next-token target per position, -1 where no loss or log-probability is wanted. */
  targets: Int32Array;
  /** Position of each token inside its document. */
  pos: Int32Array;
  /** Index (into this batch) of the first token of each token's document. */
  start: Int32Array;
}

export function packDocuments(docs: readonly { tokens: readonly number[]; lossFrom: number; posOffset?: number }[]): PackedBatch {
  let n = 0;
  for (const d of docs) n += d.tokens.length - 1;
  const batch: PackedBatch = { tokens: new Int32Array(n), targets: new Int32Array(n), pos: new Int32Array(n), start: new Int32Array(n) };
  let at = 0;
  for (const d of docs) {
    const first = at;
    for (let t = 0; t < d.tokens.length - 1; t++, at++) {
      batch.tokens[at] = d.tokens[t];
      batch.targets[at] = t + 1 >= d.lossFrom ? d.tokens[t + 1] : -1;
      batch.pos[at] = t + (d.posOffset ?? 0);
      batch.start[at] = first;
    }
  }
  return batch;
}

const BIAS = 2;
const ACCUMULATE = 1;
/** Rows of the reduction axis per weight-gradient call: the strips of both operands then stay in cache across output blocks. */
const GRAD_CHUNK = 256;

/** Float offsets into the kernel heap of one layer's activations; the stats are LayerNorm's (mean, rstd) per row. */
interface LayerActs {
  ln1: number; ln1Stats: number; qkv: number; att: number; atty: number; res2: number; ln2: number; ln2Stats: number;
  fch: number; fchGelu: number; res3: number;
}

/** Hands out consecutive heap blocks from `at`, each rounded up to 4 floats so that it starts 16-byte aligned. */
function bumpAllocator(at: number): { take: (floats: number) => number; end: () => number } {
  return {
    take: (floats) => (at += (floats + 3) & ~3) - ((floats + 3) & ~3),
    end: () => at,
  };
}

/** Float offsets of a linear layer's weight panels in the heap. */
interface LayerPanels { qkv: number; proj: number; fc: number; fcproj: number }

/**
 * Forward pass that keeps its activations, and the matching hand-derived backward pass. Parameters,
 * activations and gradients live in one WebAssembly instance's memory, where the SIMD kernels
 * (train-kernels.ts) work on them in place; weights are packed into gemm panels once per forward.
 */
export class TrainGraph {
  private readonly off: Offsets;
  private readonly C: number;
  private readonly H: number;
  private readonly V: number;
  /** The vocabulary rounded up to whole 8-column panels: the row stride of logits. */
  private readonly Vp: number;
  private readonly P: number;
  private readonly k: TrainKernelExports;
  private heap: Float32Array = new Float32Array(0);
  private ints: Int32Array = new Int32Array(0);
  private N = 0;
  private attCapacity = 0;
  private batch!: PackedBatch;
  // Float offsets into the heap; the parameters sit at 0.
  private readonly panels: LayerPanels[] = [];
  private readonly headPanels: number;
  /** ALiBi's penalties (positions: alibi), copied in with the parameters at biasAt. */
  private readonly alibi?: Float32Array;
  private readonly biasAt: number;
  private readonly gradsAt: number;
  private readonly fixedEnd: number;
  private startAt = 0;
  private attOffAt = 0;
  private encoded = 0;
  private layers: LayerActs[] = [];
  private lnf = 0;
  private lnfStats = 0;
  private logits = 0;
  private logitStats = 0;
  private lse = 0;
  private dlogp = 0;
  private dlogits = 0;
  private dresidual = 0;
  private dBig = 0;
  private dSmall = 0;
  private dqkv = 0;
  private dp = 0;

  constructor(readonly cfg: ModelConfig) {
    this.off = parameterOffsets(cfg);
    const C = (this.C = cfg.dModel);
    this.H = cfg.nHeads;
    this.V = cfg.vocabSize;
    this.Vp = (this.V + 7) & ~7;
    this.alibi = cfg.positions === 'alibi' ? alibiBias(cfg) : undefined;
    this.k = instantiateTrainKernels(C / this.H, this.alibi !== undefined);
    const { take, end } = bumpAllocator(0);
    this.P = this.off.lnfb + C;
    take(this.P);
    for (let l = 0; l < cfg.nLayers; l++) this.panels.push({ qkv: take(3 * C * C), proj: take(C * C), fc: take(4 * C * C), fcproj: take(4 * C * C) });
    this.headPanels = take(this.Vp * C);
    this.biasAt = take(this.alibi?.length ?? 0);
    this.gradsAt = take(this.P);
    this.fixedEnd = end();
  }

  private f32(at: number, n: number): Float32Array {
    return this.heap.subarray(at, at + n);
  }

  private allocate(batch: PackedBatch): void {
    const N = batch.tokens.length;
    const { C, H } = this;
    let attTotal = 0;
    for (let i = 0; i < N; i++) attTotal += H * (i - batch.start[i] + 1);
    if (N !== this.N || attTotal > this.attCapacity) {
      // qkv and att with room for the kernels' overreach (train-kernels.ts).
      const { take, end } = bumpAllocator(this.fixedEnd);
      this.startAt = take(N);
      this.attOffAt = take(N);
      this.encoded = take(N * C);
      this.layers = Array.from({ length: this.cfg.nLayers }, () => ({
        ln1: take(N * C), ln1Stats: take(2 * N), qkv: take((N + 3) * 3 * C), att: take(attTotal + 4), atty: take(N * C), res2: take(N * C),
        ln2: take(N * C), ln2Stats: take(2 * N), fch: take(N * 4 * C), fchGelu: take(N * 4 * C), res3: take(N * C),
      }));
      this.lnf = take(N * C);
      this.lnfStats = take(2 * N);
      this.logits = take(N * this.Vp);
      this.logitStats = take(2 * N);
      this.lse = take(N);
      this.dlogp = take(N);
      this.dlogits = take(N * this.Vp);
      this.dresidual = take(N * C);
      this.dBig = take(N * 4 * C);
      this.dSmall = take(N * C);
      this.dqkv = take(N * 3 * C);
      this.dp = take(this.cfg.contextLength + 4);
      const memory = this.k.memory;
      const bytes = 4 * end();
      if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
      this.heap = new Float32Array(memory.buffer);
      this.ints = new Int32Array(memory.buffer);
      this.N = N;
      this.attCapacity = attTotal;
    }
    let off = 0;
    for (let i = 0; i < N; i++) {
      this.ints[this.startAt + i] = batch.start[i];
      this.ints[this.attOffAt + i] = off;
      off += H * (i - batch.start[i] + 1);
    }
    this.batch = batch;
  }

  /** Copies the parameters in and packs every weight the forward pass multiplies by into gemm panels. */
  private loadParameters(params: Float32Array): void {
    const { C, off, heap } = this;
    heap.set(params.subarray(0, this.P), 0);
    off.layers.forEach((o, l) => {
      const p = this.panels[l];
      packPanels(heap, p.qkv, params, o.qkvw, 3 * C, C);
      packPanels(heap, p.proj, params, o.projw, C, C);
      packPanels(heap, p.fc, params, o.fcw, 4 * C, C);
      packPanels(heap, p.fcproj, params, o.fcprojw, C, 4 * C);
    });
    packPanels(heap, this.headPanels, params, off.wte, this.V, C);
    if (this.alibi) heap.set(this.alibi, this.biasAt);
  }

  /** out[N, OUT] = inp[N, IN] · Wᵀ (+ bias) (+ out), W packed at panels; OUT a multiple of 8 (or the padded vocabulary). */
  private linearForward(out: number, inp: number, panels: number, bias: number, IN: number, OUT: number, flags: number): void {
    this.k.gemm(4 * out, 4 * OUT, 4 * inp, 4 * IN, 4, 4 * panels, 4 * IN, 32, 4 * bias, this.N, IN, OUT, flags);
  }

  /** Log-probability of each position's target (0 where the target is -1). */
  forward(params: Float32Array, batch: PackedBatch): Float32Array {
    if (batch.pos.some((p) => p >= this.cfg.contextLength)) throw new Error(`document longer than the context (${this.cfg.contextLength})`);
    this.allocate(batch);
    this.loadParameters(params);
    const { C, V, Vp, off, N, k } = this;
    const heap = this.heap;
    const { tokens, pos } = batch;
    const positional = learnsPositions(this.cfg);
    for (let i = 0; i < N; i++) {
      const te = off.wte + tokens[i] * C;
      heap.set(params.subarray(te, te + C), this.encoded + i * C);
      if (!positional) continue;
      const pe = off.wpe + pos[i] * C;
      for (let c = 0; c < C; c++) heap[this.encoded + i * C + c] += params[pe + c];
    }
    const scale = 1 / Math.sqrt(C / this.H);
    let residual = this.encoded;
    for (let l = 0; l < this.layers.length; l++) {
      const a = this.layers[l];
      const o = off.layers[l];
      const p = this.panels[l];
      k.layerNorm(4 * a.ln1, 4 * residual, 4 * o.ln1w, 4 * o.ln1b, N, C, 4 * a.ln1Stats);
      this.linearForward(a.qkv, a.ln1, p.qkv, o.qkvb, C, 3 * C, BIAS);
      k.attentionForward(4 * a.qkv, 4 * a.att, 4 * a.atty, 4 * this.startAt, 4 * this.attOffAt, N, C, scale, 4 * this.biasAt, this.cfg.contextLength);
      heap.copyWithin(a.res2, residual, residual + N * C);
      this.linearForward(a.res2, a.atty, p.proj, o.projb, C, C, BIAS | ACCUMULATE);
      k.layerNorm(4 * a.ln2, 4 * a.res2, 4 * o.ln2w, 4 * o.ln2b, N, C, 4 * a.ln2Stats);
      this.linearForward(a.fch, a.ln2, p.fc, o.fcb, C, 4 * C, BIAS);
      k.gelu(4 * a.fchGelu, 4 * a.fch, N * 4 * C);
      heap.copyWithin(a.res3, a.res2, a.res2 + N * C);
      this.linearForward(a.res3, a.fchGelu, p.fcproj, o.fcprojb, 4 * C, C, BIAS | ACCUMULATE);
      residual = a.res3;
    }
    k.layerNorm(4 * this.lnf, 4 * residual, 4 * off.lnfw, 4 * off.lnfb, N, C, 4 * this.lnfStats);
    this.linearForward(this.logits, this.lnf, this.headPanels, 0, C, Vp, 0);
    k.logSumExp(4 * this.logits, 4 * this.logitStats, N, V, Vp);
    const logp = new Float32Array(N);
    for (let i = 0; i < N; i++) {
      const lse = heap[this.logitStats + 2 * i] + Math.log(heap[this.logitStats + 2 * i + 1]);
      heap[this.lse + i] = lse;
      const t = batch.targets[i];
      logp[i] = t >= 0 ? heap[this.logits + i * Vp + t] - lse : 0;
    }
    return logp;
  }

  /** Accumulates d(loss)/d(params) into grads, given d(loss)/d(logp) per position of the last forward (and at its parameters). */
  backward(grads: Float32Array, dlogp: Float32Array): void {
    const { C, V, Vp, off, N, k, heap } = this;
    const { targets } = this.batch;
    const g = this.f32(this.gradsAt, this.P);
    g.fill(0);
    for (let i = 0; i < N; i++) heap[this.dlogp + i] = targets[i] >= 0 ? dlogp[i] : 0;
    k.softmaxBackward(4 * this.dlogits, 4 * this.logits, 4 * this.lse, 4 * this.dlogp, N, Vp);
    for (let i = 0; i < N; i++) if (targets[i] >= 0) heap[this.dlogits + i * Vp + targets[i]] += dlogp[i];
    const dlnf = this.dSmall;
    this.linearBackward(dlnf, this.dlogits, this.lnf, C, V, Vp, off.wte, -1);
    const dresidual = this.f32(this.dresidual, N * C);
    dresidual.fill(0);
    const lastResidual = this.layers.length ? this.layers[this.layers.length - 1].res3 : this.encoded;
    this.layerNormBackward(dlnf, lastResidual, off.lnfw, off.lnfb, this.lnfStats);
    const scale = 1 / Math.sqrt(C / this.H);
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const a = this.layers[l];
      const o = off.layers[l];
      const input = l === 0 ? this.encoded : this.layers[l - 1].res3;
      this.linearBackward(this.dBig, this.dresidual, a.fchGelu, 4 * C, C, C, o.fcprojw, o.fcprojb);
      k.geluBackward(4 * this.dBig, 4 * a.fch, 4 * this.dBig, N * 4 * C);
      this.linearBackward(this.dSmall, this.dBig, a.ln2, C, 4 * C, 4 * C, o.fcw, o.fcb);
      this.layerNormBackward(this.dSmall, a.res2, o.ln2w, o.ln2b, a.ln2Stats);
      this.linearBackward(this.dSmall, this.dresidual, a.atty, C, C, C, o.projw, o.projb);
      this.f32(this.dqkv, N * 3 * C).fill(0);
      k.attentionBackward(4 * a.qkv, 4 * a.att, 4 * this.dSmall, 4 * this.dqkv, 4 * this.startAt, 4 * this.attOffAt, N, C, scale, 4 * this.dp);
      this.linearBackward(this.dSmall, this.dqkv, a.ln1, C, 3 * C, 3 * C, o.qkvw, o.qkvb);
      this.layerNormBackward(this.dSmall, input, o.ln1w, o.ln1b, a.ln1Stats);
    }
    const { tokens, pos } = this.batch;
    const positional = learnsPositions(this.cfg);
    for (let i = 0; i < N; i++) {
      const te = off.wte + tokens[i] * C;
      const pe = off.wpe + pos[i] * C;
      for (let c = 0; c < C; c++) {
        g[te + c] += dresidual[i * C + c];
        if (positional) g[pe + c] += dresidual[i * C + c];
      }
    }
    for (let i = 0; i < this.P; i++) grads[i] += g[i];
  }

  /**
   * dinp = dout · W; dW += doutᵀ · inp; db += colsum(dout). W is [OUT, IN] at wOff, dout [N, OUT]
   * with row stride ld. The weight gradient runs in chunks of GRAD_CHUNK rows.
   */
  private linearBackward(dinp: number, dout: number, inp: number, IN: number, OUT: number, ld: number, wOff: number, bOff: number): void {
    const { N, k } = this;
    k.gemm(4 * dinp, 4 * IN, 4 * dout, 4 * ld, 4, 4 * wOff, 4, 4 * IN, 0, N, OUT, IN, 0);
    const dW = 4 * (this.gradsAt + wOff);
    for (let r = 0; r < N; r += GRAD_CHUNK) {
      k.gemm(dW, 4 * IN, 4 * (dout + r * ld), 4, 4 * ld, 4 * (inp + r * IN), 4, 4 * IN, 0, OUT, Math.min(GRAD_CHUNK, N - r), IN, ACCUMULATE);
    }
    if (bOff >= 0) k.addColumnSums(4 * (this.gradsAt + bOff), 4 * dout, N, OUT);
  }

  /** dresidual += the input gradient of a LayerNorm (weights at wOff, bias at bOff) given dout; its parameter gradients into the heap's. */
  private layerNormBackward(dout: number, inp: number, wOff: number, bOff: number, stats: number): void {
    this.k.layerNormBackward(4 * this.dresidual, 4 * (this.gradsAt + wOff), 4 * (this.gradsAt + bOff), 4 * dout, 4 * inp, 4 * wOff, 4 * stats, this.N, this.C);
  }
}
