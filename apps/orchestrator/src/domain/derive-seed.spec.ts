import { deriveSeed } from './derive-seed';

describe('deriveSeed', () => {
  it('is a pure function of the base seed and the coordinates', () => {
    expect(deriveSeed(7, 1, 3, 'solve')).toBe(deriveSeed(7, 1, 3, 'solve'));
  });

  it('differs when any coordinate differs', () => {
    const seeds = [deriveSeed(7, 1, 3, 'solve'), deriveSeed(8, 1, 3, 'solve'), deriveSeed(7, 2, 3, 'solve'), deriveSeed(7, 1, 4, 'solve'), deriveSeed(7, 1, 3, 'verify'), deriveSeed(7, 13, 'solve')];
    expect(new Set(seeds).size).toBe(seeds.length);
  });

  it('fits in 31 bits', () => {
    for (let i = 0; i < 1000; i++) {
      const s = deriveSeed(i, i * 31, 'x');
      expect(Number.isInteger(s) && s >= 0 && s < 2 ** 31).toBe(true);
    }
  });
});
