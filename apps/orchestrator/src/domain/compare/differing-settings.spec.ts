import { differingSettings } from './differing-settings';
import { flattenSettings } from './flatten-settings';

describe('flattenSettings', () => {
  it('names every leaf by its dotted path, in config order, lists and nulls as JSON', () => {
    expect([...flattenSettings({ aero: { rounds: 2, zpd: { mastery_below: 0.3 } }, engine: { extra_args: ['--x', '1'], top_p: null, name: 'm', empty: {} } })]).toEqual([
      ['aero.rounds', '2'],
      ['aero.zpd.mastery_below', '0.3'],
      ['engine.extra_args', '["--x","1"]'],
      ['engine.top_p', 'null'],
      ['engine.name', 'm'],
      ['engine.empty', '{}'],
    ]);
  });
});

describe('differingSettings', () => {
  const config = (labeller: string, seed: number, extra: Record<string, unknown> = {}) => ({ aero: { rounds: 2, labeller, seed, ...extra }, engine: { model: '/m' } });

  it('keeps only the keys whose values differ, and the seed even where it is shared', () => {
    expect(differingSettings([config('icc', 0), config('majority', 0), config('icc', 0)])).toEqual([
      { key: 'aero.labeller', values: ['icc', 'majority', 'icc'] },
      { key: 'aero.seed', values: ['0', '0', '0'] },
    ]);
  });

  it('shows a key one run lacks as "–" there', () => {
    expect(differingSettings([config('icc', 1, { judge: true }), config('icc', 2)])).toEqual([
      { key: 'aero.seed', values: ['1', '2'] },
      { key: 'aero.judge', values: ['true', '–'] },
    ]);
  });

  it('compares values, not how the config file spelled them', () => {
    expect(differingSettings([config('icc', 0, { lr: 5e-5 }), config('icc', 0, { lr: 0.00005 })]).map((r) => r.key)).toEqual(['aero.seed']);
  });
});
