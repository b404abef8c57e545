import { IccOutcome, Phase, QuestionRecorded, QuestionStatus, RoundSummary, RunEvent, RunState } from '@aero/contracts';
import { fixtureMeta } from '../testing/run-fixtures';
import { describeEvent, type RoundTally } from './describe-event';

const aero = fixtureMeta({ rounds: 3, questions_per_round: 40, sampling_n: 8 }).config.aero;
const event = (round: number, body: RunEvent['event']) => ({ ...RunEvent.fromPartial({ sequence: 1, round }), event: body });
const tally = (): RoundTally => ({ mastery: 0, zpd: 0, chaos: 0, converged: 0, diverged: 0, unconfirmed: 0 });

describe('describeEvent', () => {
  it('says what each phase does in AERO terms', () => {
    const say = (round: number, phase: Phase) => describeEvent(event(round, { $case: 'phase_changed', value: { phase } }), 'r', aero, tally()).line;
    expect(say(2, Phase.PHASE_GENERATING)).toBe('round 2/3: the model writes 40 new problems (generator role)');
    expect(say(2, Phase.PHASE_SYNTHESIZING)).toContain('solving each problem 8 times');
    expect(say(0, Phase.PHASE_EVALUATING)).toContain('before any training');
  });

  it('keeps a running tally of the round in a status line with a progress bar', () => {
    const t = tally();
    const recorded = (done: number, status: QuestionStatus, icc: IccOutcome) =>
      describeEvent(event(1, { $case: 'question_recorded', value: QuestionRecorded.fromPartial({ question_id: `q${done}`, status, normalized_entropy: 0.5, icc_outcome: icc, examples: 1, done, total: 4 }) }), 'r', aero, t);
    recorded(1, QuestionStatus.QUESTION_STATUS_ZPD, IccOutcome.ICC_OUTCOME_CONVERGED);
    const second = recorded(2, QuestionStatus.QUESTION_STATUS_CHAOS, IccOutcome.ICC_OUTCOME_SKIPPED_NOT_ZPD);
    expect(second.line).toBeUndefined();
    expect(second.status).toBe('  [############------------] 2/4 questions · mastery 0 · zpd 1 · chaos 1 · ICC converged 1, diverged 0');
    const third = recorded(3, QuestionStatus.QUESTION_STATUS_ZPD, IccOutcome.ICC_OUTCOME_UNCONFIRMED);
    expect(third.status).toBe('  [##################------] 3/4 questions · mastery 0 · zpd 2 · chaos 1 · ICC converged 1, diverged 0, unconfirmed 1');
  });

  it('names the served model and, when the gateway has one, its metrics endpoint', () => {
    const served = (metrics_url: string) => describeEvent(event(1, { $case: 'model_served', value: { checkpoint: '/m/r1', metrics_url } }), 'r', aero, tally()).line;
    expect(served('')).toBe('  the inference gateway now serves /m/r1');
    expect(served('http://127.0.0.1:40123/metrics')).toBe('  the inference gateway now serves /m/r1 (metrics: http://127.0.0.1:40123/metrics)');
  });

  it("names where the orchestrator serves the run's metrics", () => {
    const served = describeEvent(event(0, { $case: 'metrics_served', value: { metrics_url: 'http://gpu-7:9465/metrics', port: 9465 } }), 'r', aero, tally());
    expect(served).toEqual({ line: '  run metrics (Prometheus): http://gpu-7:9465/metrics' });
  });

  it('keeps a line for a question a service refused', () => {
    const refused = QuestionRecorded.fromPartial({ question_id: 'r1-q0003', done: 1, total: 4, rejected_reason: 'prompt longer than the context' });
    const shown = describeEvent(event(1, { $case: 'question_recorded', value: refused }), 'r', aero, tally());
    expect(shown.line).toBe('  question r1-q0003 was refused and yields no examples: prompt longer than the context');
    expect(shown.status).toMatch(/^ {2}\[#{6}-{18}\] 1\/4 questions/);
  });

  it('reports accuracy of the initial model and of a trained one', () => {
    const evaluation = (round: number, refused = 0) =>
      describeEvent(event(round, { $case: 'evaluation', value: { benchmark: 'arithmetic', round, pass_at_1: 0.4125, problems: 80, by_level: {}, refused } }), 'r', aero, tally()).line;
    expect(evaluation(0)).toBe('  arithmetic: 41.3% greedy pass@1 on 80 problems (initial model)');
    expect(evaluation(2)).toBe('  arithmetic: 41.3% greedy pass@1 on 80 problems (after round 2/3)');
    expect(evaluation(2, 3)).toBe('  arithmetic: 41.3% greedy pass@1 on 80 problems (after round 2/3; 3 refused by the services as input, counted wrong (reasons in rounds/2/evaluations/))');
  });

  it('says whether a round trained its model or kept it for want of data', () => {
    const trained = (skipped_reason: string) =>
      describeEvent(event(1, { $case: 'model_trained', value: { job_id: 'j', model_path: '/m', train_loss: 0.25, metrics: {}, skipped_reason } }), 'r', aero, tally()).line;
    expect(trained('')).toBe('  trained model /m (last loss 0.2500)');
    expect(trained('no training data in round 1: empty')).toBe('  training skipped, no training data in round 1: empty; the model stays /m');
  });

  it('names the failure of a failed run', () => {
    const line = describeEvent(event(0, { $case: 'state_changed', value: { state: RunState.RUN_STATE_FAILED, error: 'trainer unavailable' } }), 'r7', aero, tally()).line;
    expect(line).toBe('run r7 failed: trainer unavailable');
  });

  it('closes a round with its ZPD, the median size of its ZPD questions, ICC against majority vote and the held-out questions', () => {
    const finished = (summary: Partial<RoundSummary>) =>
      describeEvent(event(2, { $case: 'round_finished', value: RoundSummary.fromPartial({ round: 2, questions: 40, zpd: 12, icc_converged: 9, ...summary }) }), 'r', aero, tally()).line;
    expect(finished({})).toBe('round 2/3 done: 40 questions, 12 in the ZPD, ICC converged on 9');
    expect(finished({ zpd_median_size: 7, icc_accuracy: 0.8, majority_accuracy: 0.7, held_out: 2 })).toBe(
      'round 2/3 done: 40 questions, 12 in the ZPD (median size 7 operations), ICC converged on 9; ICC consensus right 80.0% vs majority vote 70.0%; 2 benchmark questions held out of training',
    );
  });
});
