/** Entropy of one question's answers (AERO-SPEC 2.5). */
export interface Entropy {
  /** H = −Σ p_i log2 p_i with p_i = c_i / total_valid, in bits; 0 when nothing is valid. */
  entropy: number;
  /** H / log2 N, where N counts every sample (parse failures included); 0 when N ≤ 1. */
  normalizedEntropy: number;
}

/** `counts` are the cluster sizes c_i; `sampleCount` is N, all samples including parse failures. */
export function computeEntropy(counts: readonly number[], sampleCount: number): Entropy {
  const totalValid = counts.reduce((s, c) => s + c, 0);
  let entropy = 0;
  for (const c of counts) {
    if (c === 0) continue;
    const p = c / totalValid;
    entropy -= p * Math.log2(p);
  }
  // -0 and rounding residue of a single cluster both mean "no disagreement".
  entropy = Math.max(0, entropy);
  return { entropy, normalizedEntropy: sampleCount <= 1 ? 0 : entropy / Math.log2(sampleCount) };
}
