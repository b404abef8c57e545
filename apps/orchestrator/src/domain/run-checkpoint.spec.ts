import { fixtureMeta, journalBuilder } from '../testing/run-fixtures';
import { replayRun } from './replay-run';
import { runCheckpoint } from './run-checkpoint';

const twoRounds = journalBuilder().evaluation(0, 0.4).generated(1, 1).recorded(1, 0).dataset(1).trained(1, '/m1').evaluation(1, 0.5).finished(1, '/m1').generated(2, 1);

describe('runCheckpoint', () => {
  const view = replayRun(fixtureMeta(), twoRounds.events);

  it('is the initial model for round 0 and the trained model for a round that trained', () => {
    expect(runCheckpoint(view, 0)).toEqual({ round: 0, model: '/models/base' });
    expect(runCheckpoint(view, 1)).toEqual({ round: 1, model: '/m1' });
  });

  it('has none for a round that has not trained, however far it got', () => {
    expect(runCheckpoint(view, 2)).toBeUndefined();
    expect(runCheckpoint(view, 9)).toBeUndefined();
  });

  it('without a round is the last one the run has: its last trained round, else round 0', () => {
    expect(runCheckpoint(view)).toEqual({ round: 1, model: '/m1' });
    expect(runCheckpoint(replayRun(fixtureMeta(), journalBuilder().evaluation(0, 0.4).events))).toEqual({ round: 0, model: '/models/base' });
  });

  it("takes a branched run's round 0 to be the checkpoint it started from", () => {
    const branched = { ...fixtureMeta(), origin: { run_id: 'base', round: 2, model: '/runs/base/training/r2/model' } };
    expect(runCheckpoint(replayRun(branched, []))).toEqual({ round: 0, model: '/runs/base/training/r2/model' });
  });
});
