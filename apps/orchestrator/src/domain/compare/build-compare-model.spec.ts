import { replayRun } from '../replay-run';
import { fixtureMeta, journalBuilder } from '../../testing/run-fixtures';
import { reportJournal } from '../../testing/report-fixture';
import { buildCompareModel } from './build-compare-model';

const fixture = (id: string, aero: Record<string, unknown>, events = reportJournal()) => replayRun(fixtureMeta(aero, id), events);

describe('buildCompareModel', () => {
  const model = buildCompareModel([
    fixture('sweep-x-config-s0', {}),
    fixture('sweep-x-majority-s0', { labeller: 'majority' }),
    fixture('sweep-x-fresh-s0', { seed: 7 }, journalBuilder().evaluation(0, 0.3).events),
  ]);

  it('names the runs by what sets them apart, with their state, rounds and accuracy change', () => {
    expect(model.runs.map((r) => [r.id, r.label, r.state, r.roundsFinished, r.rounds])).toEqual([
      ['sweep-x-config-s0', 'config', 'succeeded', 2, 2],
      ['sweep-x-majority-s0', 'majority', 'succeeded', 2, 2],
      ['sweep-x-fresh-s0', 'fresh', 'pending', 0, 2],
    ]);
    expect(model.runs[0].accuracy).toEqual([{ benchmark: 'arithmetic', initial: 0.4, last: { round: 2, passAt1: 0.5 } }]);
    expect(model.runs[2].accuracy).toEqual([{ benchmark: 'arithmetic', initial: 0.3, last: undefined }]);
  });

  it('lists the settings that differ, and the seed', () => {
    expect(model.settings).toEqual([
      { key: 'aero.labeller', values: ['icc', 'majority', 'icc'] },
      { key: 'aero.seed', values: ['0', '0', '7'] },
    ]);
  });

  it('draws the charts with the same labels', () => {
    expect(model.sections[0].charts[0].series.map((s) => s.name)).toEqual(['config', 'majority', 'fresh']);
  });
});
