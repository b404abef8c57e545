import { IccOutcome, QuestionStatus } from '@aero/contracts';

const ZONES = new Map([
  [QuestionStatus.QUESTION_STATUS_MASTERY, 'mastery'],
  [QuestionStatus.QUESTION_STATUS_ZPD, 'zpd'],
  [QuestionStatus.QUESTION_STATUS_CHAOS, 'chaos'],
]);

const OUTCOMES = new Map([
  [IccOutcome.ICC_OUTCOME_SKIPPED_NOT_ZPD, 'not in ZPD'],
  [IccOutcome.ICC_OUTCOME_SKIPPED_ONE_CLUSTER, 'one cluster'],
  [IccOutcome.ICC_OUTCOME_CONVERGED, 'converged'],
  [IccOutcome.ICC_OUTCOME_DIVERGED, 'diverged'],
  [IccOutcome.ICC_OUTCOME_UNCONFIRMED, 'unconfirmed'],
  [IccOutcome.ICC_OUTCOME_MAJORITY, 'majority vote'],
  [IccOutcome.ICC_OUTCOME_ORACLE, 'oracle'],
  [IccOutcome.ICC_OUTCOME_NO_KNOWN_ANSWER, 'no known answer'],
]);

/** The zone of a question's status, as the report's filter names it. */
export function zoneLabel(status: QuestionStatus): string {
  return ZONES.get(status) ?? 'unknown';
}

/** What became of a question in the labeller, as the report's filter names it; a refused question says so. */
export function outcomeLabel(outcome: IccOutcome, rejectedReason: string): string {
  return rejectedReason ? 'refused' : (OUTCOMES.get(outcome) ?? 'unknown');
}
