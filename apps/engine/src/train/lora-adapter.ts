import { ModelConfig, parameterLayout } from '../model/model-config';
import { Rng } from '../util/rng';
import { AdamW, clipGradNorm } from './adam-w';
import type { AdditionalModule, LoraModule } from './lora-modules';
import type { PolicyUpdate } from './policy-update';

export interface LoraSettings {
  rank: number;
  /** The update is scaled by alpha / rank, as PEFT does. */
  alpha: number;
  modules: readonly LoraModule[];
  /** Tensors trained whole beside the adapter (LLaMA-Factory's additional_target, PEFT's modules_to_save). */
  additional?: readonly AdditionalModule[];
}

interface Adapted {
  /** Offset of the [rows, cols] weight in the model's flat parameters. */
  offset: number;
  rows: number;
  cols: number;
  /** Offsets of A [rank, cols] and B [rows, rank] in the adapter's flat parameters. */
  a: number;
  b: number;
}

/**
 * LoRA (Hu et al. 2021) on the linear layers of the policy: each adapted weight is W0 + (alpha/r) B A,
 * with W0 frozen, A drawn as PEFT draws it (uniform in +-1/sqrt(fan_in)) and B zero, so training
 * starts from the unchanged model. Everything else (embeddings, layer norms, biases) stays frozen,
 * but for the tensors `additional` names, which are trained whole.
 * The model runs on the merged weights, so the gradient of a merged weight W is the one the full
 * backward pass already computes, and LoRA's follow from it: dA = s B^T dW, dB = s dW A^T.
 * Clipping and AdamW act on the adapter's parameters only, as on a PEFT model's trainable ones.
 */
export class LoraAdapter implements PolicyUpdate {
  readonly params: Float32Array;
  private readonly grads: Float32Array;
  private readonly adapted: Adapted[] = [];
  /** Whole tensors trained beside the adapter: their offset in the model, and in the adapter's parameters. */
  private readonly whole: { offset: number; size: number; at: number }[] = [];
  private readonly scale: number;
  private readonly adam: AdamW;

  constructor(cfg: ModelConfig, private readonly frozen: Float32Array, private readonly policy: Float32Array, private readonly s: LoraSettings, rng: Rng) {
    const { byName, tensors } = parameterLayout(cfg);
    let size = 0;
    for (let l = 0; l < cfg.nLayers; l++) {
      for (const m of s.modules) {
        const t = byName.get(`h.${l}.${m}.w`);
        if (!t) throw new Error(`no tensor h.${l}.${m}.w in the parameter layout`);
        const [rows, cols] = t.shape;
        this.adapted.push({ offset: t.offset, rows, cols, a: size, b: size + s.rank * cols });
        size += s.rank * (cols + rows);
      }
    }
    for (const name of s.additional ?? []) {
      // lnf is two tensors, lnf.w and lnf.b.
      for (const t of tensors.filter((x) => x.name === name || x.name.startsWith(`${name}.`))) {
        this.whole.push({ offset: t.offset, size: t.size, at: size });
        size += t.size;
      }
    }
    this.params = new Float32Array(size);
    this.grads = new Float32Array(size);
    for (const w of this.adapted) {
      const bound = 1 / Math.sqrt(w.cols);
      for (let i = 0; i < s.rank * w.cols; i++) this.params[w.a + i] = (2 * rng.float() - 1) * bound;
    }
    for (const t of this.whole) this.params.set(frozen.subarray(t.offset, t.offset + t.size), t.at);
    this.scale = s.alpha / s.rank;
    this.adam = new AdamW(this.params, new Uint8Array(size), 0.9, 0.999, 1e-8, 0);
    this.merge();
  }

  async apply(grads: Float32Array, lr: number, maxGradNorm: number): Promise<void> {
    this.gradient(grads);
    clipGradNorm(this.grads, maxGradNorm);
    this.adam.step(this.grads, lr);
    this.merge();
  }

  /** The adapter's gradient from the merged weights' gradient dW: dA = s B^T dW, dB = s dW A^T. */
  gradient(full: Float32Array): Float32Array {
    const { rank } = this.s;
    const p = this.params;
    const g = this.grads;
    g.fill(0);
    for (const w of this.adapted) {
      for (let o = 0; o < w.rows; o++) {
        const row = w.offset + o * w.cols;
        for (let k = 0; k < rank; k++) {
          const bok = this.scale * p[w.b + o * rank + k];
          const aRow = w.a + k * w.cols;
          let dB = 0;
          for (let i = 0; i < w.cols; i++) {
            const dW = full[row + i];
            g[aRow + i] += bok * dW;
            dB += dW * p[aRow + i];
          }
          g[w.b + o * rank + k] = this.scale * dB;
        }
      }
    }
    for (const t of this.whole) g.set(full.subarray(t.offset, t.offset + t.size), t.at);
    return g;
  }

  /** Writes W0 + s B A into the policy's adapted weights, and the whole tensors trained beside them. */
  merge(): void {
    const { rank } = this.s;
    const p = this.params;
    for (const w of this.adapted) {
      for (let o = 0; o < w.rows; o++) {
        const row = w.offset + o * w.cols;
        for (let i = 0; i < w.cols; i++) {
          let d = 0;
          for (let k = 0; k < rank; k++) d += p[w.b + o * rank + k] * p[w.a + k * w.cols + i];
          this.policy[row + i] = this.frozen[row + i] + this.scale * d;
        }
      }
    }
    for (const t of this.whole) this.policy.set(p.subarray(t.at, t.at + t.size), t.offset);
  }
}
