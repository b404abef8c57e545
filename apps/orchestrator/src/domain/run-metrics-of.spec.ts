import { Phase, Role, RoundSummary, RunEvent, RunState } from '@aero/contracts';
import { fixtureMeta, journalBuilder } from '../testing/run-fixtures';
import { replayRun } from './replay-run';
import { runMetricsOf } from './run-metrics-of';

/** Round 1's recorded summary: 2 mastery, 1 ZPD, 1 chaos (and a refused question), ICC judged. */
const finished = (sequence: number) =>
  RunEvent.fromPartial({
    sequence,
    round: 1,
    event: {
      $case: 'round_finished',
      value: RoundSummary.fromPartial({
        round: 1,
        questions: 5,
        mastery: 2,
        zpd: 1,
        chaos: 1,
        rejected: 1,
        icc_judged: 4,
        icc_accuracy: 0.75,
        majority_accuracy: 0.5,
        examples: [
          { role: Role.ROLE_SOLVER, label: true, count: 3 },
          { role: Role.ROLE_REFINER, label: false, count: 1 },
        ],
      }),
    },
  });

describe('runMetricsOf', () => {
  it('shows a pending run as nothing done yet', () => {
    expect(runMetricsOf(replayRun(fixtureMeta(), []))).toEqual({
      state: RunState.RUN_STATE_PENDING,
      phase: Phase.PHASE_UNSPECIFIED,
      round: 0,
      accuracy: [],
      questions: 0,
      lastRound: undefined,
    });
  });

  it('takes state, phase and round from the journal, accuracy per round and benchmark, and questions of every round', () => {
    const journal = journalBuilder()
      .state(RunState.RUN_STATE_RUNNING)
      .evaluation(0, 0.25)
      .evaluation(0, 0.5, 'gsm')
      .phase(1, Phase.PHASE_SYNTHESIZING)
      .recorded(1, 0)
      .recorded(1, 1)
      .recorded(1, 1) // the same question again (a resumed round) counts once
      .evaluation(1, 0.4)
      .phase(2, Phase.PHASE_SYNTHESIZING)
      .recorded(2, 0);
    const metrics = runMetricsOf(replayRun(fixtureMeta(), journal.events));
    expect([metrics.state, metrics.phase, metrics.round]).toEqual([RunState.RUN_STATE_RUNNING, Phase.PHASE_SYNTHESIZING, 2]);
    expect(metrics.accuracy).toEqual([
      { round: 0, benchmark: 'arithmetic', pass_at_1: 0.25 },
      { round: 0, benchmark: 'gsm', pass_at_1: 0.5 },
      { round: 1, benchmark: 'arithmetic', pass_at_1: 0.4 },
    ]);
    expect(metrics.questions).toBe(3);
    expect(metrics.lastRound).toBeUndefined();
  });

  it("describes the last finished round by its recorded summary, not the round in progress", () => {
    const journal = journalBuilder().state(RunState.RUN_STATE_RUNNING).phase(1, Phase.PHASE_SYNTHESIZING);
    journal.events.push(finished(journal.events.length + 1));
    journal.phase(2, Phase.PHASE_SYNTHESIZING).recorded(2, 0).recorded(2, 1);
    expect(runMetricsOf(replayRun(fixtureMeta(), journal.events)).lastRound).toEqual({
      round: 1,
      shares: { mastery: 0.5, zpd: 0.25, chaos: 0.25 },
      icc_accuracy: 0.75,
      majority_accuracy: 0.5,
      examples: [
        { role: Role.ROLE_SOLVER, label: true, count: 3 },
        { role: Role.ROLE_REFINER, label: false, count: 1 },
      ],
    });
  });
});
