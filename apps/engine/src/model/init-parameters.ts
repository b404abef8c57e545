import { Rng } from '../util/rng';
import { ModelConfig, parameterLayout } from './model-config';

/** GPT-2 initialisation: N(0, 0.02), residual projections scaled by 1/sqrt(2L), LayerNorm gains 1. */
export function initParameters(cfg: ModelConfig, seed: number, into?: Float32Array): Float32Array {
  const { tensors, total } = parameterLayout(cfg);
  const params = into ?? new Float32Array(total);
  const rng = new Rng(seed);
  const residualStd = 0.02 / Math.sqrt(2 * cfg.nLayers);
  for (const t of tensors) {
    const isGain = t.name.endsWith('ln1.w') || t.name.endsWith('ln2.w') || t.name === 'lnf.w';
    const isBias = t.shape.length === 1 && !isGain;
    const std = t.name.endsWith('proj.w') ? residualStd : 0.02;
    for (let i = 0; i < t.size; i++) params[t.offset + i] = isGain ? 1 : isBias ? 0 : std * rng.normal();
  }
  return params;
}
