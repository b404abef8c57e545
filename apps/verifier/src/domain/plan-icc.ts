import { IccOutcome, QuestionStatus, type Analysis, type Cluster } from '@aero/contracts';

/** What ICC does with an analysed question (AERO-SPEC 2.7). */
export type IccPlan =
  | { kind: 'skip'; outcome: IccOutcome.ICC_OUTCOME_SKIPPED_NOT_ZPD | IccOutcome.ICC_OUTCOME_SKIPPED_ONE_CLUSTER }
  | { kind: 'refine'; c1: Cluster; c2: Cluster };

/**
 * ICC runs only on a ZPD question with at least two clusters, on the two largest (c1, c2). The sort
 * is stable, so equal counts keep the analyzer's first-seen order.
 */
export function planIcc(analysis: Analysis): IccPlan {
  if (analysis.status !== QuestionStatus.QUESTION_STATUS_ZPD) {
    return { kind: 'skip', outcome: IccOutcome.ICC_OUTCOME_SKIPPED_NOT_ZPD };
  }
  if (analysis.clusters.length < 2) return { kind: 'skip', outcome: IccOutcome.ICC_OUTCOME_SKIPPED_ONE_CLUSTER };
  const [c1, c2] = [...analysis.clusters].sort((a, b) => b.count - a.count);
  return { kind: 'refine', c1, c2 };
}
