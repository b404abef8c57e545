import { IccOutcome, Phase, QuestionStatus, RunState, type RunEvent } from '@aero/contracts';
import { replayRun } from '../domain/replay-run';
import type { RunView } from '../domain/run-view';
import { fixtureMeta, journalBuilder } from './run-fixtures';

/** The journal of a finished two-round run with every kind of data the report shows. */
export function reportJournal(): RunEvent[] {
  const j = journalBuilder().state(RunState.RUN_STATE_RUNNING).evaluation(0, 0.4).phase(1, Phase.PHASE_SYNTHESIZING).generated(1, 3);
  j.recorded(1, 0, QuestionStatus.QUESTION_STATUS_MASTERY, 0.1, IccOutcome.ICC_OUTCOME_SKIPPED_NOT_ZPD)
    .recorded(1, 1, QuestionStatus.QUESTION_STATUS_ZPD, 0.45)
    .recorded(1, 2, QuestionStatus.QUESTION_STATUS_CHAOS, 0.95, IccOutcome.ICC_OUTCOME_SKIPPED_NOT_ZPD)
    .dataset(1)
    .progress(1, 1, 0.69)
    .progress(1, 2, 0.61)
    .trained(1, '/m1')
    .evaluation(1, 0.45)
    .finished(1, '/m1')
    .generated(2, 3)
    .recorded(2, 0, QuestionStatus.QUESTION_STATUS_ZPD, 0.5)
    .recorded(2, 1, QuestionStatus.QUESTION_STATUS_ZPD, 0.6, IccOutcome.ICC_OUTCOME_DIVERGED)
    .recorded(2, 2, QuestionStatus.QUESTION_STATUS_MASTERY, 0)
    .dataset(2)
    .progress(2, 1, 0.66)
    .progress(2, 2, 0.52)
    .trained(2, '/m2')
    .evaluation(2, 0.5)
    .finished(2, '/m2')
    .state(RunState.RUN_STATE_SUCCEEDED);
  return j.events;
}

/** The view of that run. */
export function reportFixture(id = 'report-fixture'): RunView {
  return replayRun(fixtureMeta({}, id), reportJournal());
}
