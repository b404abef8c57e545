import { splitN } from './split-n';

describe('splitN', () => {
  it.each([
    [1, 64, [1]],
    [64, 64, [64]],
    [65, 64, [33, 32]],
    [100, 64, [50, 50]],
    [130, 64, [44, 43, 43]],
    [5, 1, [1, 1, 1, 1, 1]],
  ])('splits n=%p at most %p per request into %p', (n, maxN, parts) => {
    expect(splitN(n, maxN)).toEqual(parts);
  });

  it('never loses or invents a sample', () => {
    for (let n = 1; n <= 300; n++) {
      const parts = splitN(n, 16);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(n);
      expect(Math.max(...parts)).toBeLessThanOrEqual(16);
      expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
    }
  });

  it('rejects n or maxN below 1', () => {
    expect(() => splitN(0, 4)).toThrow(RangeError);
    expect(() => splitN(4, 0)).toThrow(RangeError);
  });
});
