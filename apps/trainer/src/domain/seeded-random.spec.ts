import { SeededRandom } from './seeded-random';

const draws = (key: string, n: number) => {
  const random = new SeededRandom(key);
  return Array.from({ length: n }, () => random.next());
};

describe('SeededRandom', () => {
  it('repeats its sequence for the same key and differs for another', () => {
    expect(draws('aero/7/2', 50)).toEqual(draws('aero/7/2', 50));
    expect(draws('aero/7/2', 50)).not.toEqual(draws('aero/7/3', 50));
  });

  it('draws in [0, 1) with a mean near one half', () => {
    const xs = draws('uniform', 20_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it('spreads below(n) over every value about equally', () => {
    const random = new SeededRandom('below');
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 50_000; i++) counts[random.below(10)]++;
    for (const c of counts) expect(Math.abs(c - 5000)).toBeLessThan(300);
  });
});
