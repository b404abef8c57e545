import { IccOutcome, Phase, QuestionStatus, RunState } from '@aero/contracts';
import { fixtureMeta, journalBuilder } from '../testing/run-fixtures';
import { replayRun } from './replay-run';

describe('replayRun', () => {
  it('gives a pending run for an empty journal', () => {
    const view = replayRun(fixtureMeta(), []);
    expect([view.state, view.phase, view.currentRound, view.lastSequence]).toEqual([RunState.RUN_STATE_PENDING, Phase.PHASE_UNSPECIFIED, 0, 0]);
  });

  it('folds state, phase, round facts and the served model', () => {
    const journal = journalBuilder()
      .state(RunState.RUN_STATE_RUNNING)
      .served('/models/base')
      .evaluation(0, 0.4)
      .phase(1, Phase.PHASE_SYNTHESIZING)
      .generated(1, 2, 1)
      .recorded(1, 0, QuestionStatus.QUESTION_STATUS_MASTERY, 0.1, IccOutcome.ICC_OUTCOME_SKIPPED_NOT_ZPD)
      .progress(1, 1, 0.9)
      .progress(1, 2, 0.7);
    const view = replayRun(fixtureMeta(), journal.events);
    expect(view.state).toBe(RunState.RUN_STATE_RUNNING);
    expect([view.phase, view.currentRound]).toEqual([Phase.PHASE_SYNTHESIZING, 1]);
    expect(view.servedModel).toBe('/models/base');
    expect(view.rounds.get(0)?.evaluations.get('arithmetic')?.pass_at_1).toBe(0.4);
    expect(view.rounds.get(1)?.generated).toEqual({ count: 2, parsed: 1 });
    expect([...(view.rounds.get(1)?.recorded.keys() ?? [])]).toEqual(['r1-q0000']);
    expect(view.rounds.get(1)?.training.map((t) => t.loss)).toEqual([0.9, 0.7]);
    expect(view.lastSequence).toBe(journal.events.length);
  });

  it('gives a finished round recorded before well_formed existed its share of parsed questions', () => {
    const journal = journalBuilder().finished(1).finished(2);
    const [legacy, current] = journal.events.map((e) => (e.event?.$case === 'round_finished' ? e.event.value : undefined));
    if (!legacy || !current) throw new Error('fixture: two round_finished events');
    Object.assign(legacy, { parsed: 2, well_formed: undefined });
    Object.assign(current, { parsed: 2, well_formed: 0.5 });
    const view = replayRun(fixtureMeta(), journal.events);
    expect([view.rounds.get(1)?.summary?.well_formed, view.rounds.get(2)?.summary?.well_formed]).toEqual([2 / 3, 0.5]);
  });

  it('keeps where the orchestrator of the last drive served the run metrics', () => {
    const journal = journalBuilder().state(RunState.RUN_STATE_RUNNING).metrics(9465).state(RunState.RUN_STATE_CANCELLED);
    expect(replayRun(fixtureMeta(), journal.events).metricsUrl).toBe('http://127.0.0.1:9465/metrics');
    journal.state(RunState.RUN_STATE_RUNNING).metrics(40123);
    expect(replayRun(fixtureMeta(), journal.events).metricsUrl).toBe('http://127.0.0.1:40123/metrics');
  });

  it('keeps the last failure reason until the run runs again', () => {
    const failed = journalBuilder().state(RunState.RUN_STATE_RUNNING).state(RunState.RUN_STATE_FAILED, 'trainer unavailable');
    expect(replayRun(fixtureMeta(), failed.events).error).toBe('trainer unavailable');
    expect(replayRun(fixtureMeta(), failed.state(RunState.RUN_STATE_RUNNING).events).error).toBe('');
  });

  it('refuses a journal whose sequence numbers do not increase', () => {
    const journal = journalBuilder().state(RunState.RUN_STATE_RUNNING).evaluation(0, 0.4);
    journal.events[1].sequence = 1;
    expect(() => replayRun(fixtureMeta(), journal.events)).toThrow(/out of order/);
  });
});
