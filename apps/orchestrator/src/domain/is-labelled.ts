import { IccOutcome } from '@aero/contracts';

const LABELLED = new Set([IccOutcome.ICC_OUTCOME_CONVERGED, IccOutcome.ICC_OUTCOME_MAJORITY, IccOutcome.ICC_OUTCOME_ORACLE]);

/** Whether the labeller settled on a consensus for the question (ICC converged, or an ablation's labeller took one). */
export function isLabelled(outcome: IccOutcome | undefined): boolean {
  return outcome !== undefined && LABELLED.has(outcome);
}
