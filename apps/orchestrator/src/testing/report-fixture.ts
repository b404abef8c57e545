import { IccOutcome, Phase, QuestionRecord, QuestionStatus, Role, RunState, type RunEvent } from '@aero/contracts';
import type { ReportSources } from '../domain/report/report-model';
import { replayRun } from '../domain/replay-run';
import type { RunView } from '../domain/run-view';
import { fixtureMeta, journalBuilder } from './run-fixtures';

/**
 * The journal of a finished two-round run with every kind of data the report shows: a phase change
 * before each step (one event a second), KL and rewards logged in round 1's training but not in round 2's.
 */
export function reportJournal(): RunEvent[] {
  const j = journalBuilder().state(RunState.RUN_STATE_RUNNING).phase(0, Phase.PHASE_EVALUATING).evaluation(0, 0.4);
  j.phase(1, Phase.PHASE_GENERATING)
    .generated(1, 3)
    .phase(1, Phase.PHASE_SYNTHESIZING)
    .recorded(1, 0, QuestionStatus.QUESTION_STATUS_MASTERY, 0.1, IccOutcome.ICC_OUTCOME_SKIPPED_NOT_ZPD)
    .recorded(1, 1, QuestionStatus.QUESTION_STATUS_ZPD, 0.45)
    .recorded(1, 2, QuestionStatus.QUESTION_STATUS_CHAOS, 0.95, IccOutcome.ICC_OUTCOME_SKIPPED_NOT_ZPD)
    .phase(1, Phase.PHASE_BUILDING_DATASET)
    .dataset(1)
    .phase(1, Phase.PHASE_TRAINING)
    .progress(1, 1, 0.69, { kl: 0, rewards_chosen: 0, rewards_rejected: 0 })
    .progress(1, 2, 0.61, { kl: 0.02, rewards_chosen: 0.12, rewards_rejected: -0.2 })
    .trained(1, '/m1')
    .phase(1, Phase.PHASE_SERVING)
    .phase(1, Phase.PHASE_EVALUATING)
    .evaluation(1, 0.45)
    .finished(1, '/m1')
    .phase(2, Phase.PHASE_GENERATING)
    .generated(2, 3)
    .phase(2, Phase.PHASE_SYNTHESIZING)
    .recorded(2, 0, QuestionStatus.QUESTION_STATUS_ZPD, 0.5)
    .recorded(2, 1, QuestionStatus.QUESTION_STATUS_ZPD, 0.6, IccOutcome.ICC_OUTCOME_DIVERGED)
    .recorded(2, 2, QuestionStatus.QUESTION_STATUS_MASTERY, 0)
    .phase(2, Phase.PHASE_BUILDING_DATASET)
    .dataset(2)
    .phase(2, Phase.PHASE_TRAINING)
    .progress(2, 1, 0.66)
    .progress(2, 2, 0.52)
    .trained(2, '/m2')
    .phase(2, Phase.PHASE_SERVING)
    .phase(2, Phase.PHASE_EVALUATING)
    .evaluation(2, 0.5)
    .finished(2, '/m2')
    .state(RunState.RUN_STATE_SUCCEEDED);
  return j.events;
}

/**
 * The question records of that run (rounds/<r>/questions/<id>.json), by round: four samples each,
 * ICC's refinements and labels where the journal says ICC ran, the truth being 5.
 */
export function reportRecords(): Map<number, QuestionRecord[]> {
  const record = (round: number, index: number, status: QuestionStatus, outcome: IccOutcome, answers: string[]) => {
    const id = `r${round}-q${String(index).padStart(4, '0')}`;
    const keys = [...new Set(answers.filter(Boolean))];
    const converged = outcome === IccOutcome.ICC_OUTCOME_CONVERGED && status === QuestionStatus.QUESTION_STATUS_ZPD;
    const refined = converged || outcome === IccOutcome.ICC_OUTCOME_DIVERGED;
    const provenance = (source: string, sample_index?: number) => ({ run_id: 'report-fixture', round, question_id: id, source, cluster_keys: [], sample_index });
    return QuestionRecord.fromPartial({
      question: { id, text: `2+3${'+0'.repeat(index)}`, parsed: true, round, index },
      samples: answers.map((answer, i) => ({ index: i, text: `2+3=${answer}\n\\boxed{${answer}}`, answer, parsed: answer !== '' })),
      analysis: {
        status,
        clusters: keys.map((key) => ({ key, count: answers.filter((a) => a === key).length, member_indexes: answers.flatMap((a, i) => (a === key ? [i] : [])) })),
        total_valid: answers.filter(Boolean).length,
        sample_count: answers.length,
      },
      verification: {
        outcome,
        consensus: converged ? '5' : '',
        refinements: refined ? keys.slice(0, 2).map((key) => ({ cluster_key: key, result: { text: `redo → ${converged ? '5' : key}`, answer: converged ? '5' : key, parsed: true } })) : [],
        examples: [
          { role: Role.ROLE_GENERATOR, label: status === QuestionStatus.QUESTION_STATUS_ZPD, completion: `{"question":"2+3"}`, provenance: provenance('generator') },
          ...(converged
            ? [
                ...answers.map((a, i) => ({ role: Role.ROLE_SOLVER, label: a === '5', completion: a, provenance: provenance('paper.sample', i) })),
                { role: Role.ROLE_REFINER, label: true, completion: 'redo → 5', provenance: provenance('icc.r2') },
              ]
            : []),
        ],
      },
      truth: '5',
      majority_correct: keys[0] === '5',
      consensus_correct: converged,
    });
  };
  const { MASTERY, ZPD, CHAOS } = { MASTERY: QuestionStatus.QUESTION_STATUS_MASTERY, ZPD: QuestionStatus.QUESTION_STATUS_ZPD, CHAOS: QuestionStatus.QUESTION_STATUS_CHAOS };
  return new Map([
    [1, [
      record(1, 0, MASTERY, IccOutcome.ICC_OUTCOME_SKIPPED_NOT_ZPD, ['5', '5', '5', '5']),
      record(1, 1, ZPD, IccOutcome.ICC_OUTCOME_CONVERGED, ['5', '5', '6', '']),
      record(1, 2, CHAOS, IccOutcome.ICC_OUTCOME_SKIPPED_NOT_ZPD, ['1', '2', '3', '<b>4</b>']),
    ]],
    [2, [
      record(2, 0, ZPD, IccOutcome.ICC_OUTCOME_CONVERGED, ['5', '5', '7', '7']),
      record(2, 1, ZPD, IccOutcome.ICC_OUTCOME_DIVERGED, ['6', '6', '7', '5']),
      record(2, 2, MASTERY, IccOutcome.ICC_OUTCOME_CONVERGED, ['5', '5', '5', '5']),
    ]],
  ]);
}

/** What the report of that run is built from: its view, its journal and its question records. */
export function reportSources(id = 'report-fixture'): ReportSources {
  const events = reportJournal();
  const records = reportRecords();
  return {
    view: replayRun(fixtureMeta({}, id), events),
    events,
    readRecord: (round, questionId) => records.get(round)?.find((r) => r.question?.id === questionId),
  };
}

/**
 * The other side of a comparison: a run of three rounds (`aero.rounds: 3`) that failed in its third,
 * three points better than it began.
 */
export function stoppedJournal(): RunEvent[] {
  return journalBuilder()
    .state(RunState.RUN_STATE_RUNNING)
    .evaluation(0, 0.4)
    .generated(1, 3)
    .recorded(1, 0, QuestionStatus.QUESTION_STATUS_ZPD, 0.5)
    .evaluation(1, 0.41)
    .finished(1)
    .generated(2, 3)
    .recorded(2, 0, QuestionStatus.QUESTION_STATUS_ZPD, 0.5)
    .evaluation(2, 0.43)
    .finished(2)
    .generated(3, 3)
    .state(RunState.RUN_STATE_FAILED, 'stopped').events;
}

/** The view of that run. */
export function reportFixture(id = 'report-fixture'): RunView {
  return replayRun(fixtureMeta({}, id), reportJournal());
}
