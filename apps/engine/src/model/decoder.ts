import { geluForward, layerNormForward, matmulNT } from './kernels';
import { ModelConfig, Offsets, parameterOffsets } from './model-config';

/**
 * Incremental inference with a KV cache: each step advances a batch of rows (one token each, any
 * slot, any position) through the network, appending keys and values to the rows' cache slots.
 * Rows are independent, so a row's result does not depend on what else is in the batch.
 */
export class Decoder {
  private readonly off: Offsets;
  private slots = 0;
  private kcache: Float32Array[] = [];
  private vcache: Float32Array[] = [];

  constructor(readonly cfg: ModelConfig, readonly params: Float32Array) {
    this.off = parameterOffsets(cfg);
  }

  ensureSlots(n: number): void {
    if (n <= this.slots) return;
    const size = n * this.cfg.contextLength * this.cfg.dModel;
    const grow = (old: Float32Array): Float32Array => {
      const next = new Float32Array(size);
      next.set(old);
      return next;
    };
    this.kcache = Array.from({ length: this.cfg.nLayers }, (_, l) => grow(this.kcache[l] ?? new Float32Array(0)));
    this.vcache = Array.from({ length: this.cfg.nLayers }, (_, l) => grow(this.vcache[l] ?? new Float32Array(0)));
    this.slots = n;
  }

  /** Copies the first len cached positions of slot `from` into slot `to` (forking a prefilled prompt). */
  copySlot(from: number, to: number, len: number): void {
    const stride = this.cfg.contextLength * this.cfg.dModel;
    const n = len * this.cfg.dModel;
    for (let l = 0; l < this.cfg.nLayers; l++) {
      this.kcache[l].copyWithin(to * stride, from * stride, from * stride + n);
      this.vcache[l].copyWithin(to * stride, from * stride, from * stride + n);
    }
  }

  /** Logits [R, vocab] for rows (slot[r], token[r]) at position pos[r]. */
  step(slot: Int32Array, token: Int32Array, pos: Int32Array, R: number): Float32Array {
    const { cfg, params, off } = this;
    const C = cfg.dModel;
    const T = cfg.contextLength;
    const H = cfg.nHeads;
    const hs = C / H;
    const scale = 1 / Math.sqrt(hs);
    const x = new Float32Array(R * C);
    for (let r = 0; r < R; r++) {
      if (pos[r] >= T) throw new Error(`position ${pos[r]} beyond the context length ${T}`);
      const te = off.wte + token[r] * C;
      const pe = off.wpe + pos[r] * C;
      for (let c = 0; c < C; c++) x[r * C + c] = params[te + c] + params[pe + c];
    }
    const ln = new Float32Array(R * C);
    const stats = new Float32Array(2 * R);
    const mean = stats.subarray(0, R);
    const rstd = stats.subarray(R);
    const qkv = new Float32Array(R * 3 * C);
    const atty = new Float32Array(R * C);
    const fch = new Float32Array(R * 4 * C);
    const tmp = new Float32Array(R * C);
    const scores = new Float32Array(T);
    for (let l = 0; l < cfg.nLayers; l++) {
      const o = off.layers[l];
      const K = this.kcache[l];
      const Vc = this.vcache[l];
      layerNormForward(ln, mean, rstd, x, params, o.ln1w, o.ln1b, R, C);
      matmulNT(qkv, 0, ln, 0, params, o.qkvw, R, C, 3 * C, params, o.qkvb, false);
      for (let r = 0; r < R; r++) {
        const base = (slot[r] * T + pos[r]) * C;
        for (let c = 0; c < C; c++) {
          K[base + c] = qkv[r * 3 * C + C + c];
          Vc[base + c] = qkv[r * 3 * C + 2 * C + c];
        }
        const cache0 = slot[r] * T * C;
        const len = pos[r] + 1;
        for (let h = 0; h < H; h++) {
          const q = r * 3 * C + h * hs;
          let max = -Infinity;
          for (let j = 0; j < len; j++) {
            const k = cache0 + j * C + h * hs;
            let dot = 0;
            for (let d = 0; d < hs; d++) dot += qkv[q + d] * K[k + d];
            dot *= scale;
            scores[j] = dot;
            if (dot > max) max = dot;
          }
          let sum = 0;
          for (let j = 0; j < len; j++) sum += scores[j] = Math.exp(scores[j] - max);
          const out = r * C + h * hs;
          for (let d = 0; d < hs; d++) atty[out + d] = 0;
          for (let j = 0; j < len; j++) {
            const w = scores[j] / sum;
            const v = cache0 + j * C + h * hs;
            for (let d = 0; d < hs; d++) atty[out + d] += w * Vc[v + d];
          }
        }
      }
      matmulNT(x, 0, atty, 0, params, o.projw, R, C, C, params, o.projb, true);
      layerNormForward(ln, mean, rstd, x, params, o.ln2w, o.ln2b, R, C);
      matmulNT(fch, 0, ln, 0, params, o.fcw, R, C, 4 * C, params, o.fcb, false);
      geluForward(fch, fch, R * 4 * C);
      matmulNT(tmp, 0, fch, 0, params, o.fcprojw, R, 4 * C, C, params, o.fcprojb, false);
      for (let i = 0; i < R * C; i++) x[i] += tmp[i];
    }
    layerNormForward(ln, mean, rstd, x, params, off.lnfw, off.lnfb, R, C);
    const logits = new Float32Array(R * cfg.vocabSize);
    matmulNT(logits, 0, ln, 0, params, off.wte, R, C, cfg.vocabSize, null, 0, false);
    return logits;
  }
}
