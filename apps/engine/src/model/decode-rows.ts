import type { ModelConfig, Offsets } from './model-config';
import type { KernelExports } from './wasm-kernels';

const BIAS = 2;
const ACCUMULATE = 1;

/**
 * Where a decoder keeps what a decode step reads, as float offsets in its kernels' memory: the
 * parameters (offsets), each layer's linear weights and the LM head packed into panels, ALiBi's
 * penalties and the KV cache (decoder.ts describes the layout). Plain numbers, so that a decode
 * thread receives it as it is.
 */
export interface DecodePlan {
  cfg: ModelConfig;
  off: Offsets;
  packed: { qkv: number; proj: number; fc: number; fcproj: number }[];
  head: number;
  bias: number;
  cache: number;
  slotFloats: number;
  /** The vocabulary padded to a multiple of 8 (gemm's N). */
  vocabPadded: number;
}

/** A step's activations for R rows from float offset x on; `scores` is the first thread's scratch (T + 4 floats each). */
export interface StepLayout {
  x: number; ln: number; qkv: number; atty: number; fch: number; logits: number; rows: number; scores: number;
}

export function stepLayout(plan: DecodePlan, x: number, R: number): StepLayout {
  const C = plan.cfg.dModel;
  const ln = x + R * C;
  const qkv = ln + R * C;
  const atty = qkv + R * 3 * C;
  const fch = atty + R * C;
  const logits = fch + R * 4 * C;
  const rows = logits + R * plan.vocabPadded;
  return { x, ln, qkv, atty, fch, logits, rows, scores: rows + ((2 * R + 3) & ~3) };
}

/** Floats a step of R rows on `threads` threads needs from its x on. */
export function stepFloats(plan: DecodePlan, R: number, threads: number): number {
  return stepLayout(plan, 0, R).scores + threads * (plan.cfg.contextLength + 4);
}

/**
 * Runs rows r0..r1 of a step through every layer to their logits, given their embeddings in x and
 * their (slot, position) pairs in rows. Rows are independent, so any split of a step's rows
 * between threads computes the same numbers; `thread` picks the attention scratch.
 */
export function decodeRows(k: KernelExports, plan: DecodePlan, s: StepLayout, r0: number, r1: number, thread: number): void {
  const { cfg, off, packed } = plan;
  const { contextLength: T, dModel: C, nHeads: H } = cfg;
  const Vp = plan.vocabPadded;
  const R = r1 - r0;
  // Byte address of row r0 of an array of `width` floats a row.
  const at = (floats: number, width = 0): number => 4 * (floats + r0 * width);
  const linear = (out: number, a: number, panels: number, bias: number, K: number, N: number, flags: number): void =>
    k.gemm(out, 4 * N, a, 4 * K, 4, 4 * panels, 4 * K, 32, bias, R, K, N, flags);
  const scores = 4 * (s.scores + thread * (T + 4));
  for (let l = 0; l < cfg.nLayers; l++) {
    const o = off.layers[l];
    const p = packed[l];
    k.layerNorm(at(s.ln, C), at(s.x, C), 4 * o.ln1w, 4 * o.ln1b, R, C);
    linear(at(s.qkv, 3 * C), at(s.ln, C), p.qkv, 4 * o.qkvb, C, 3 * C, BIAS);
    k.attention(at(s.qkv, 3 * C), at(s.atty, C), 4 * plan.cache, at(s.rows, 2), R, C, T, 4 * plan.slotFloats, 4 * l * 2 * T * C, scores, 1 / Math.sqrt(C / H), 4 * plan.bias);
    linear(at(s.x, C), at(s.atty, C), p.proj, 4 * o.projb, C, C, BIAS | ACCUMULATE);
    k.layerNorm(at(s.ln, C), at(s.x, C), 4 * o.ln2w, 4 * o.ln2b, R, C);
    linear(at(s.fch, 4 * C), at(s.ln, C), p.fc, 4 * o.fcb, C, 4 * C, BIAS);
    k.gelu(at(s.fch, 4 * C), at(s.fch, 4 * C), R * 4 * C);
    linear(at(s.x, C), at(s.fch, 4 * C), p.fcproj, 4 * o.fcprojb, 4 * C, C, BIAS | ACCUMULATE);
  }
  k.layerNorm(at(s.ln, C), at(s.x, C), 4 * off.lnfw, 4 * off.lnfb, R, C);
  linear(at(s.logits, Vp), at(s.ln, C), plan.head, 0, C, Vp, 0);
}
