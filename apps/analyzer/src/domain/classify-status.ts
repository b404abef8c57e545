/** Where a question sits relative to the model's ability (AERO-SPEC 2.5). */
export type QuestionStatus = 'mastery' | 'zpd' | 'chaos';

/** ZPD bounds on normalised entropy: below `masteryBelow` is mastery, above `chaosAbove` is chaos. */
export interface ZpdThresholds {
  masteryBelow: number;
  chaosAbove: number;
}

/** No valid answer is chaos; otherwise H̄ < mastery bound is mastery, H̄ > chaos bound is chaos, between (inclusive) is the ZPD. */
export function classifyStatus(totalValid: number, normalizedEntropy: number, thresholds: ZpdThresholds): QuestionStatus {
  if (totalValid === 0) return 'chaos';
  if (normalizedEntropy < thresholds.masteryBelow) return 'mastery';
  if (normalizedEntropy > thresholds.chaosAbove) return 'chaos';
  return 'zpd';
}
