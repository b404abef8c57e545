import { Rng } from './rng';

describe('Rng', () => {
  it('is reproducible from a seed and differs across seeds', () => {
    const a = Array.from({ length: 5 }, ((r) => () => r.nextU32())(new Rng(1)));
    const b = Array.from({ length: 5 }, ((r) => () => r.nextU32())(new Rng(1)));
    const c = Array.from({ length: 5 }, ((r) => () => r.nextU32())(new Rng(2)));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
  it('draws integers within bounds', () => {
    const r = new Rng(3);
    for (let i = 0; i < 1000; i++) {
      const v = r.int(-2, 2);
      expect(v).toBeGreaterThanOrEqual(-2);
      expect(v).toBeLessThanOrEqual(2);
    }
  });
  it('draws weighted indices in proportion to their weights', () => {
    const r = new Rng(4);
    const counts = [0, 0, 0];
    for (let i = 0; i < 6000; i++) counts[r.weighted([1, 0, 2])]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / counts[0]).toBeGreaterThan(1.8);
    expect(counts[2] / counts[0]).toBeLessThan(2.2);
  });
});
