import type { RoundSummary } from '@aero/contracts';

/** Shares of a round's analysed questions (refused ones have no status) per status, 0..1; all 0 before any. */
export function statusShares(s: Pick<RoundSummary, 'mastery' | 'zpd' | 'chaos'>): { mastery: number; zpd: number; chaos: number } {
  const total = Math.max(1, s.mastery + s.zpd + s.chaos);
  return { mastery: s.mastery / total, zpd: s.zpd / total, chaos: s.chaos / total };
}
