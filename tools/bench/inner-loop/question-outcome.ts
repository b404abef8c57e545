import type { IccOutcome, QuestionStatus } from '@aero/contracts';

/** What one pattern did with one question, as the pattern itself knows it. */
export interface QuestionOutcome {
  status: QuestionStatus;
  outcome: IccOutcome;
  /** Engine requests the pattern made for solver samples, judge calls and refinements. */
  solverRequests: number;
  judgeRequests: number;
  refineRequests: number;
}
