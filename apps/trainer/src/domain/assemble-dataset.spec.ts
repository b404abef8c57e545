import { Role } from '@aero/contracts';
import { fixtureRound, ktoExample } from '../testing/kto-example';
import { assembleDataset } from './assemble-dataset';
import type { DatasetOptions } from './dataset-options';

const SPEC: Omit<DatasetOptions, 'round' | 'staggered'> = {
  replayPoolSize: 500,
  replayRatios: { generator: 0, solver: 0.7, refiner: 0.3 },
  weights: { generator: 1, solver: 1, refiner: 1 },
  seed: 0,
  generatorUndesirableCap: 0,
};
const build = (round: number, staggered: boolean, extra: Partial<DatasetOptions> = {}) =>
  assembleDataset(fixtureRound, { ...SPEC, round, staggered, ...extra });
/** [desirable, undesirable] of generator, solver, refiner. */
const countsOf = (d: ReturnType<typeof build>) => d.counts.map((c) => [c.desirable, c.undesirable]);

describe('assembleDataset on a four-round fixture (round k: k+1 generator, 2k solver, k refiner examples)', () => {
  it.each([
    [1, [[1, 1], [0, 0], [0, 0]], 2, 0],
    [2, [[2, 1], [1, 1], [1, 0]], 6, 0],
    [3, [[2, 2], [3, 3], [3, 0]], 10, 3],
    [4, [[3, 2], [6, 6], [6, 0]], 14, 9],
  ])('staggered round %i: exact counts per role and label, fresh and replayed', (round, counts, fresh, replayed) => {
    const d = build(round, true);
    expect(countsOf(d)).toEqual(counts);
    expect([d.fresh, d.replayed, d.records.length]).toEqual([fresh, replayed, fresh + replayed]);
  });

  it.each([
    [1, [[1, 1], [1, 1], [1, 0]], 5, 0],
    [2, [[2, 1], [3, 3], [3, 0]], 9, 3],
    [3, [[2, 2], [6, 6], [6, 0]], 13, 9],
    [4, [[3, 2], [10, 10], [10, 0]], 17, 18],
  ])('unstaggered round %i: exact counts per role and label, fresh and replayed', (round, counts, fresh, replayed) => {
    const d = build(round, false);
    expect(countsOf(d)).toEqual(counts);
    expect([d.fresh, d.replayed, d.records.length]).toEqual([fresh, replayed, fresh + replayed]);
  });

  it('reports counts in generator, solver, refiner order', () => {
    expect(build(2, true).counts.map((c) => c.role)).toEqual([Role.ROLE_GENERATOR, Role.ROLE_SOLVER, Role.ROLE_REFINER]);
  });

  it('sizes the replay pool by the ratios when the history is larger than the pool', () => {
    const d = build(4, false, { replayPoolSize: 10 });
    expect(d.replayed).toBe(7 + 3);
    const solverReplay = d.counts[1].desirable + d.counts[1].undesirable - 8;
    expect(solverReplay).toBe(7);
  });

  it('applies the role weights to fresh and replayed examples, before counting', () => {
    const d = build(3, true, { weights: { generator: 2, solver: 1, refiner: 0 } });
    expect(countsOf(d)).toEqual([[4, 4], [3, 3], [0, 0]]);
    expect([d.fresh, d.replayed, d.records.length]).toEqual([10, 3, 14]);
  });

  it('rebuilds the same records for the same seed, and draws another pool for another seed', () => {
    const options = { replayPoolSize: 6 };
    expect(build(4, false, options).records).toEqual(build(4, false, options).records);
    const pools = [1, 2, 3].map((seed) => JSON.stringify(build(4, false, { ...options, seed }).records));
    expect(new Set(pools).size).toBeGreaterThan(1);
  });

  it('draws differently in different rounds of the same run and seed', () => {
    const tail = (round: number) => build(round, false, { replayPoolSize: 3 }).records.slice(-3).map((r) => r.messages[0].content);
    expect(tail(4)).not.toEqual(tail(3));
  });

  it('writes LLaMA-Factory sharegpt KTO records: the exact prompt as the user turn and a boolean label', () => {
    const [first] = build(1, true).records;
    expect(first).toEqual({
      messages: [
        { role: 'user', content: 'ROLE_GENERATOR prompt r1-0' },
        { role: 'assistant', content: 'ROLE_GENERATOR completion r1-0 \\boxed{0}' },
      ],
      label: true,
    });
  });

  it('warns when every label is the same, and when nothing is fresh', () => {
    const onlyRefiner = (k: number) => [ktoExample(Role.ROLE_REFINER, k, 0, true)];
    const d = assembleDataset(onlyRefiner, { ...SPEC, round: 3, staggered: true });
    expect(d.warnings).toEqual([
      expect.stringContaining('every record is desirable'),
    ]);
    const noFresh = assembleDataset((k) => (k === 1 ? fixtureRound(1) : []), { ...SPEC, round: 3, staggered: true });
    expect(noFresh.fresh).toBe(0);
    expect(noFresh.warnings).toEqual([expect.stringContaining('no fresh examples')]);
    expect(build(3, true).warnings).toEqual([]);
  });

  it('caps the undesirable generator examples of the fresh data at the configured ratio to the desirable ones', () => {
    const generatorOf = (round: number) => fixtureRound(round).filter((e) => e.role === Role.ROLE_GENERATOR);
    const desirable = generatorOf(2).filter((e) => e.label).length;
    const generatorCounts = (cap: number) => build(2, true, { generatorUndesirableCap: cap }).counts.find((c) => c.role === Role.ROLE_GENERATOR);
    expect(generatorCounts(0)).toMatchObject({ desirable, undesirable: generatorOf(2).length - desirable });
    expect(generatorCounts(0.4)).toMatchObject({ desirable, undesirable: Math.floor(desirable * 0.4) });
  });
});
