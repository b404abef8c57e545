import type { ModelConfig } from './model-config';

/**
 * ALiBi's distance penalties as the attention kernels read them: per head h, T floats where
 * float k is -slope_h * (T - 1 - k), so the keys 0..pos of a query at pos read the contiguous run
 * starting at T - 1 - pos; then 4 floats of padding for the kernels' last group of four. Slopes
 * are 2^(-8 (h + 1) / H), as in Press et al. (2022).
 */
export function alibiBias(cfg: ModelConfig): Float32Array {
  const { nHeads: H, contextLength: T } = cfg;
  const table = new Float32Array(H * T + 4);
  for (let h = 0; h < H; h++) {
    const slope = 2 ** ((-8 * (h + 1)) / H);
    for (let k = 0; k < T; k++) table[h * T + k] = -slope * (T - 1 - k);
  }
  return table;
}
