import { Role } from '@aero/contracts';
import { fixtureRound } from '../testing/kto-example';
import { drawReplayPool } from './draw-replay-pool';
import { SeededRandom } from './seeded-random';

const history = [...fixtureRound(1), ...fixtureRound(2), ...fixtureRound(3)]; // generator 9, solver 12, refiner 6
const count = (pool: { role: Role }[], role: Role) => pool.filter((e) => e.role === role).length;
const SPEC_RATIOS = { generator: 0, solver: 0.7, refiner: 0.3 };

describe('drawReplayPool', () => {
  it('draws floor(size * ratio / sum) per role, capped by what the history holds', () => {
    const pool = drawReplayPool(history, 10, SPEC_RATIOS, new SeededRandom('s'));
    expect([count(pool, Role.ROLE_GENERATOR), count(pool, Role.ROLE_SOLVER), count(pool, Role.ROLE_REFINER)]).toEqual([0, 7, 3]);
    const all = drawReplayPool(history, 500, SPEC_RATIOS, new SeededRandom('s'));
    expect([count(all, Role.ROLE_GENERATOR), count(all, Role.ROLE_SOLVER), count(all, Role.ROLE_REFINER)]).toEqual([0, 12, 6]);
  });

  it('normalises the ratios by their sum and floors each share', () => {
    const pool = drawReplayPool(history, 5, { generator: 1, solver: 1, refiner: 0 }, new SeededRandom('s'));
    expect([count(pool, Role.ROLE_GENERATOR), count(pool, Role.ROLE_SOLVER), count(pool, Role.ROLE_REFINER)]).toEqual([2, 2, 0]);
    const scaled = drawReplayPool(history, 10, { generator: 0, solver: 1.4, refiner: 0.6 }, new SeededRandom('s'));
    expect(scaled).toEqual(drawReplayPool(history, 10, SPEC_RATIOS, new SeededRandom('s')));
  });

  it('draws without replacement, from the history only', () => {
    const pool = drawReplayPool(history, 14, SPEC_RATIOS, new SeededRandom('x'));
    expect(new Set(pool).size).toBe(pool.length);
    for (const e of pool) expect(history).toContain(e);
  });

  it('is empty for size 0, all-zero ratios or an empty history', () => {
    expect(drawReplayPool(history, 0, SPEC_RATIOS, new SeededRandom('s'))).toEqual([]);
    expect(drawReplayPool(history, 100, { generator: 0, solver: 0, refiner: 0 }, new SeededRandom('s'))).toEqual([]);
    expect(drawReplayPool([], 100, SPEC_RATIOS, new SeededRandom('s'))).toEqual([]);
  });

  it('is reproducible for a seed and varies with it', () => {
    const draw = (key: string) => drawReplayPool(history, 6, SPEC_RATIOS, new SeededRandom(key)).map((e) => e.prompt);
    expect(draw('seed-1')).toEqual(draw('seed-1'));
    const others = ['seed-2', 'seed-3', 'seed-4'].map(draw);
    expect(others.some((o) => o.join() !== draw('seed-1').join())).toBe(true);
  });

  it('picks every solver example about equally often over many seeds', () => {
    const solver = history.filter((e) => e.role === Role.ROLE_SOLVER);
    const hits = new Map(solver.map((e) => [e, 0]));
    for (let s = 0; s < 3000; s++) {
      for (const e of drawReplayPool(history, 5, { generator: 0, solver: 1, refiner: 0 }, new SeededRandom(`u${s}`))) hits.set(e, hits.get(e)! + 1);
    }
    // 5 of 12 per draw: each is expected 3000 * 5 / 12 = 1250 times.
    for (const n of hits.values()) expect(Math.abs(n - 1250)).toBeLessThan(120);
  });
});
