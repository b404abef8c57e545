import type { ModelConfig } from '../../../apps/engine/src/model/model-config';
import type { TrainDoc } from '../../../apps/engine/src/train/sharded-model';

/**
 * Forward FLOPs of one token at position pos: 2 per weight of the 12·C² per layer and of the tied
 * LM head, plus attention (scores and weighted values: 4·(pos+1)·C per layer). LayerNorm, GELU,
 * softmax and AdamW are left out, so a rate computed from these counts is a lower bound.
 */
export function tokenFlops(cfg: ModelConfig, pos: number): number {
  const C = cfg.dModel;
  return 24 * C * C * cfg.nLayers + 2 * C * cfg.vocabSize + 4 * (pos + 1) * C * cfg.nLayers;
}

export function forwardFlops(cfg: ModelConfig, docs: readonly TrainDoc[]): number {
  let f = 0;
  for (const d of docs) for (let t = 0; t < d.tokens.length - 1; t++) f += tokenFlops(cfg, t);
  return f;
}

/** The mismatched (prompt, other completion) pairs whose log-ratio estimates KTO's reference point. */
export function mismatchedDocs(cfg: ModelConfig, docs: readonly TrainDoc[]): TrainDoc[] {
  return docs.map((d, i) => {
    const next = docs[(i + 1) % docs.length];
    return { tokens: [...d.tokens.slice(0, d.lossFrom), ...next.tokens.slice(next.lossFrom)].slice(0, cfg.contextLength), lossFrom: d.lossFrom };
  });
}

/** One KTO step on `docs`: reference and policy forwards on both sets, and a backward pass of about twice a forward. */
export function ktoFlops(cfg: ModelConfig, docs: readonly TrainDoc[]): number {
  return 2 * (forwardFlops(cfg, docs) + forwardFlops(cfg, mismatchedDocs(cfg, docs))) + 2 * forwardFlops(cfg, docs);
}
