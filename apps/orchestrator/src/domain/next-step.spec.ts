import { Phase, RunState } from '@aero/contracts';
import { fixtureMeta, journalBuilder } from '../testing/run-fixtures';
import { nextStep } from './next-step';
import { replayRun } from './replay-run';

const meta = fixtureMeta({ rounds: 2, questions_per_round: 3 });
const stepAfter = (build: (j: ReturnType<typeof journalBuilder>) => unknown) => {
  const journal = journalBuilder();
  build(journal);
  return nextStep(replayRun(meta, journal.events));
};

describe('nextStep', () => {
  it('evaluates the initial model first (round 0)', () => {
    expect(stepAfter((j) => j.state(RunState.RUN_STATE_RUNNING))).toEqual({
      kind: 'evaluate', round: 0, model: '/models/base', benchmarks: ['arithmetic'],
    });
  });

  it('generates round 1 on the initial model once the baseline is recorded', () => {
    expect(stepAfter((j) => j.evaluation(0, 0.4))).toEqual({ kind: 'generate', round: 1, model: '/models/base' });
  });

  it('starts a run branched off another on that run\'s checkpoint: round 0 evaluates it, round 1 trains from it', () => {
    const branched = { ...meta, origin: { run_id: 'base', round: 2, model: '/runs/base/training/r2/model' } };
    const step = (j: ReturnType<typeof journalBuilder>) => nextStep(replayRun(branched, j.events));
    expect(step(journalBuilder())).toMatchObject({ kind: 'evaluate', round: 0, model: '/runs/base/training/r2/model' });
    expect(step(journalBuilder().evaluation(0, 0.4).generated(1, 1).recorded(1, 0).dataset(1))).toMatchObject({ kind: 'train', baseModel: '/runs/base/training/r2/model' });
  });

  it('keeps synthesizing until every generated question is recorded, whatever the order', () => {
    const partial = (j: ReturnType<typeof journalBuilder>) => j.evaluation(0, 0.4).generated(1, 3).recorded(1, 2).recorded(1, 0);
    expect(stepAfter(partial)).toEqual({ kind: 'synthesize', round: 1, model: '/models/base' });
    expect(stepAfter((j) => partial(j).recorded(1, 1))).toEqual({ kind: 'build_dataset', round: 1 });
  });

  it('does not count a question recorded twice as two', () => {
    expect(stepAfter((j) => j.evaluation(0, 0.4).generated(1, 2).recorded(1, 0).recorded(1, 0))).toMatchObject({ kind: 'synthesize' });
  });

  it('trains from the previous model, then evaluates the trained one, then finishes the round', () => {
    const built = (j: ReturnType<typeof journalBuilder>) => j.evaluation(0, 0.4).generated(1, 1).recorded(1, 0).dataset(1);
    expect(stepAfter(built)).toEqual({ kind: 'train', round: 1, baseModel: '/models/base', dataset: 'aero_r1' });
    expect(stepAfter((j) => built(j).trained(1, '/m1'))).toEqual({ kind: 'evaluate', round: 1, model: '/m1', benchmarks: ['arithmetic'] });
    expect(stepAfter((j) => built(j).trained(1, '/m1').evaluation(1, 0.5))).toEqual({ kind: 'finish_round', round: 1 });
  });

  it('starts round 2 on the model round 1 trained, and finishes the run after the last round', () => {
    const round1 = (j: ReturnType<typeof journalBuilder>) =>
      j.evaluation(0, 0.4).generated(1, 1).recorded(1, 0).dataset(1).trained(1, '/m1').evaluation(1, 0.5).finished(1, '/m1');
    expect(stepAfter(round1)).toEqual({ kind: 'generate', round: 2, model: '/m1' });
    expect(stepAfter((j) => round1(j).generated(2, 1).recorded(2, 0).dataset(2))).toEqual({ kind: 'train', round: 2, baseModel: '/m1', dataset: 'aero_r2' });
    expect(
      stepAfter((j) => round1(j).generated(2, 1).recorded(2, 0).dataset(2).trained(2, '/m2').evaluation(2, 0.6).finished(2, '/m2')),
    ).toEqual({ kind: 'finish_run' });
  });

  it('ignores phase and progress events: only recorded results move the run on', () => {
    expect(
      stepAfter((j) => j.evaluation(0, 0.4).generated(1, 1).recorded(1, 0).dataset(1).phase(1, Phase.PHASE_TRAINING).progress(1, 1, 0.7)),
    ).toEqual({ kind: 'train', round: 1, baseModel: '/models/base', dataset: 'aero_r1' });
  });

  it('evaluates only the benchmarks still missing', () => {
    const two = fixtureMeta();
    two.config.evaluation.benchmarks.push({ name: 'other', path: '/o.jsonl' });
    const journal = journalBuilder().evaluation(0, 0.4, 'other');
    expect(nextStep(replayRun(two, journal.events))).toMatchObject({ kind: 'evaluate', round: 0, benchmarks: ['arithmetic'] });
  });
});
