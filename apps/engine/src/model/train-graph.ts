import {
  addColumnSums, geluBackward, geluForward, layerNormBackward, layerNormForward, matmulNT, MatmulKernel, transpose,
} from './kernels';
import { ModelConfig, Offsets, parameterOffsets } from './model-config';

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

interface LayerActs {
  ln1: Float32Array; ln1Mean: Float32Array; ln1Rstd: Float32Array;
  qkv: Float32Array; att: Float32Array; atty: Float32Array;
  res2: Float32Array; ln2: Float32Array; ln2Mean: Float32Array; ln2Rstd: Float32Array;
  fch: Float32Array; fchGelu: Float32Array; res3: Float32Array;
}

/** Forward pass that keeps its activations, and the matching hand-derived backward pass. */
export class TrainGraph {
  private readonly off: Offsets;
  private readonly C: number;
  private readonly H: number;
  private readonly V: number;
  private N = 0;
  private batch!: PackedBatch;
  private attOff: Int32Array = new Int32Array(0);
  private encoded: Float32Array = new Float32Array(0);
  private layers: LayerActs[] = [];
  private lnf: Float32Array = new Float32Array(0);
  private lnfMean: Float32Array = new Float32Array(0);
  private lnfRstd: Float32Array = new Float32Array(0);
  private logits: Float32Array = new Float32Array(0);
  private lse: Float32Array = new Float32Array(0);
  private scratchA: Float32Array = new Float32Array(0);
  private scratchB: Float32Array = new Float32Array(0);
  private scratchC: Float32Array = new Float32Array(0);
  private weightT: Float32Array = new Float32Array(0);

  /** `matmul` is the engine's kernel; the benchmark passes the plain JavaScript one to compare. */
  constructor(readonly cfg: ModelConfig, private readonly matmul: MatmulKernel = matmulNT) {
    this.off = parameterOffsets(cfg);
    this.C = cfg.dModel;
    this.H = cfg.nHeads;
    this.V = cfg.vocabSize;
  }

  private allocate(batch: PackedBatch): void {
    const N = batch.tokens.length;
    const { C, V, H } = this;
    const attOff = new Int32Array(N + 1);
    for (let i = 0; i < N; i++) attOff[i + 1] = attOff[i] + H * (i - batch.start[i] + 1);
    this.attOff = attOff;
    const attTotal = attOff[N];
    if (N !== this.N || this.layers.length === 0 || this.layers[0].att.length < attTotal) {
      const f = (n: number): Float32Array => new Float32Array(n);
      this.encoded = f(N * C);
      this.layers = Array.from({ length: this.cfg.nLayers }, () => ({
        ln1: f(N * C), ln1Mean: f(N), ln1Rstd: f(N), qkv: f(N * 3 * C), att: f(attTotal), atty: f(N * C),
        res2: f(N * C), ln2: f(N * C), ln2Mean: f(N), ln2Rstd: f(N), fch: f(N * 4 * C), fchGelu: f(N * 4 * C), res3: f(N * C),
      }));
      this.lnf = f(N * C);
      this.lnfMean = f(N);
      this.lnfRstd = f(N);
      this.logits = f(N * V);
      this.lse = f(N);
      this.scratchA = f(N * Math.max(4 * C, V));
      this.scratchB = f(N * Math.max(4 * C, V));
      this.scratchC = f(N * 4 * C);
      this.weightT = f(4 * C * C + V * C);
      this.N = N;
    }
    this.batch = batch;
  }

  /** Log-probability of each position's target (0 where the target is -1). */
  forward(params: Float32Array, batch: PackedBatch): Float32Array {
    if (batch.pos.some((p) => p >= this.cfg.contextLength)) throw new Error(`document longer than the context (${this.cfg.contextLength})`);
    this.allocate(batch);
    const { C, V, off, N } = this;
    const { tokens, pos } = batch;
    for (let i = 0; i < N; i++) {
      const te = off.wte + tokens[i] * C;
      const pe = off.wpe + pos[i] * C;
      for (let c = 0; c < C; c++) this.encoded[i * C + c] = params[te + c] + params[pe + c];
    }
    let residual = this.encoded;
    for (let l = 0; l < this.layers.length; l++) {
      const a = this.layers[l];
      const o = off.layers[l];
      layerNormForward(a.ln1, a.ln1Mean, a.ln1Rstd, residual, params, o.ln1w, o.ln1b, N, C);
      this.matmul(a.qkv, 0, a.ln1, 0, params, o.qkvw, N, C, 3 * C, params, o.qkvb, false);
      this.attentionForward(a);
      this.matmul(a.res2, 0, a.atty, 0, params, o.projw, N, C, C, params, o.projb, false);
      for (let i = 0; i < N * C; i++) a.res2[i] += residual[i];
      layerNormForward(a.ln2, a.ln2Mean, a.ln2Rstd, a.res2, params, o.ln2w, o.ln2b, N, C);
      this.matmul(a.fch, 0, a.ln2, 0, params, o.fcw, N, C, 4 * C, params, o.fcb, false);
      geluForward(a.fchGelu, a.fch, N * 4 * C);
      this.matmul(a.res3, 0, a.fchGelu, 0, params, o.fcprojw, N, 4 * C, C, params, o.fcprojb, false);
      for (let i = 0; i < N * C; i++) a.res3[i] += a.res2[i];
      residual = a.res3;
    }
    layerNormForward(this.lnf, this.lnfMean, this.lnfRstd, residual, params, off.lnfw, off.lnfb, N, C);
    this.matmul(this.logits, 0, this.lnf, 0, params, off.wte, N, C, V, null, 0, false);
    const logp = new Float32Array(N);
    for (let i = 0; i < N; i++) {
      const row = i * V;
      let max = -Infinity;
      for (let v = 0; v < V; v++) if (this.logits[row + v] > max) max = this.logits[row + v];
      let sum = 0;
      for (let v = 0; v < V; v++) sum += Math.exp(this.logits[row + v] - max);
      const lse = max + Math.log(sum);
      this.lse[i] = lse;
      const t = batch.targets[i];
      logp[i] = t >= 0 ? this.logits[row + t] - lse : 0;
    }
    return logp;
  }

  /** Accumulates d(loss)/d(params) into grads, given d(loss)/d(logp) per position of the last forward. */
  backward(params: Float32Array, grads: Float32Array, dlogp: Float32Array): void {
    const { C, V, off, N } = this;
    const { targets } = this.batch;
    const dlogits = this.scratchA;
    for (let i = 0; i < N; i++) {
      const row = i * V;
      const g = targets[i] >= 0 ? dlogp[i] : 0;
      for (let v = 0; v < V; v++) dlogits[row + v] = g === 0 ? 0 : -g * Math.exp(this.logits[row + v] - this.lse[i]);
      if (g !== 0) dlogits[row + targets[i]] += g;
    }
    const dlnf = new Float32Array(N * C);
    this.linearBackward(params, grads, dlnf, dlogits, this.lnf, C, V, off.wte, -1);
    const dresidual = new Float32Array(N * C);
    const lastResidual = this.layers.length ? this.layers[this.layers.length - 1].res3 : this.encoded;
    layerNormBackward(dresidual, grads, dlnf, lastResidual, params, off.lnfw, off.lnfb, this.lnfMean, this.lnfRstd, N, C);
    const dBig = new Float32Array(N * 4 * C);
    const dSmall = new Float32Array(N * C);
    const dqkv = new Float32Array(N * 3 * C);
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const a = this.layers[l];
      const o = off.layers[l];
      const input = l === 0 ? this.encoded : this.layers[l - 1].res3;
      dBig.fill(0);
      this.linearBackward(params, grads, dBig, dresidual, a.fchGelu, 4 * C, C, o.fcprojw, o.fcprojb);
      geluBackward(dBig, a.fch, dBig, N * 4 * C);
      dSmall.fill(0);
      this.linearBackward(params, grads, dSmall, dBig, a.ln2, C, 4 * C, o.fcw, o.fcb);
      layerNormBackward(dresidual, grads, dSmall, a.res2, params, o.ln2w, o.ln2b, a.ln2Mean, a.ln2Rstd, N, C);
      dSmall.fill(0);
      this.linearBackward(params, grads, dSmall, dresidual, a.atty, C, C, o.projw, o.projb);
      dqkv.fill(0);
      this.attentionBackward(a, dSmall, dqkv);
      dSmall.fill(0);
      this.linearBackward(params, grads, dSmall, dqkv, a.ln1, C, 3 * C, o.qkvw, o.qkvb);
      layerNormBackward(dresidual, grads, dSmall, input, params, o.ln1w, o.ln1b, a.ln1Mean, a.ln1Rstd, N, C);
    }
    const { tokens, pos } = this.batch;
    for (let i = 0; i < N; i++) {
      const te = off.wte + tokens[i] * C;
      const pe = off.wpe + pos[i] * C;
      for (let c = 0; c < C; c++) {
        grads[te + c] += dresidual[i * C + c];
        grads[pe + c] += dresidual[i * C + c];
      }
    }
  }

  /** dinp += dout @ W; dW += dout^T @ inp; db += colsum(dout). W is [OUT, IN] at wOff. */
  private linearBackward(
    params: Float32Array, grads: Float32Array, dinp: Float32Array, dout: Float32Array, inp: Float32Array,
    IN: number, OUT: number, wOff: number, bOff: number,
  ): void {
    const N = this.N;
    transpose(this.weightT, params, OUT, IN, wOff);
    this.matmul(dinp, 0, dout, 0, this.weightT, 0, N, OUT, IN, null, 0, true);
    transpose(this.scratchB, dout, N, OUT);
    transpose(this.scratchC, inp, N, IN);
    this.matmul(grads, wOff, this.scratchB, 0, this.scratchC, 0, OUT, N, IN, null, 0, true);
    if (bOff >= 0) addColumnSums(grads, bOff, dout, N, OUT);
  }

  private attentionForward(a: LayerActs): void {
    const { C, H, N } = this;
    const hs = C / H;
    const scale = 1 / Math.sqrt(hs);
    const { start } = this.batch;
    const C3 = 3 * C;
    for (let i = 0; i < N; i++) {
      const s = start[i];
      const len = i - s + 1;
      for (let h = 0; h < H; h++) {
        const q = i * C3 + h * hs;
        const p = this.attOff[i] + h * len;
        let max = -Infinity;
        for (let j = s; j <= i; j++) {
          const k = j * C3 + C + h * hs;
          let dot = 0;
          for (let d = 0; d < hs; d++) dot += a.qkv[q + d] * a.qkv[k + d];
          dot *= scale;
          a.att[p + j - s] = dot;
          if (dot > max) max = dot;
        }
        let sum = 0;
        for (let j = 0; j < len; j++) {
          const e = Math.exp(a.att[p + j] - max);
          a.att[p + j] = e;
          sum += e;
        }
        const inv = 1 / sum;
        const out = i * C + h * hs;
        for (let d = 0; d < hs; d++) a.atty[out + d] = 0;
        for (let j = s; j <= i; j++) {
          const w = (a.att[p + j - s] *= inv);
          const v = j * C3 + 2 * C + h * hs;
          for (let d = 0; d < hs; d++) a.atty[out + d] += w * a.qkv[v + d];
        }
      }
    }
  }

  private attentionBackward(a: LayerActs, datty: Float32Array, dqkv: Float32Array): void {
    const { C, H, N } = this;
    const hs = C / H;
    const scale = 1 / Math.sqrt(hs);
    const { start } = this.batch;
    const C3 = 3 * C;
    const dp = new Float32Array(this.cfg.contextLength);
    for (let i = 0; i < N; i++) {
      const s = start[i];
      const len = i - s + 1;
      for (let h = 0; h < H; h++) {
        const q = i * C3 + h * hs;
        const p = this.attOff[i] + h * len;
        const dout = i * C + h * hs;
        let dot = 0;
        for (let j = s; j <= i; j++) {
          const v = j * C3 + 2 * C + h * hs;
          const w = a.att[p + j - s];
          let g = 0;
          for (let d = 0; d < hs; d++) {
            g += datty[dout + d] * a.qkv[v + d];
            dqkv[v + d] += w * datty[dout + d];
          }
          dp[j - s] = g;
          dot += w * g;
        }
        for (let j = s; j <= i; j++) {
          const ds = a.att[p + j - s] * (dp[j - s] - dot) * scale;
          const k = j * C3 + C + h * hs;
          for (let d = 0; d < hs; d++) {
            dqkv[q + d] += ds * a.qkv[k + d];
            dqkv[k + d] += ds * a.qkv[q + d];
          }
        }
      }
    }
  }
}
