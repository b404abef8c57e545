import { seriesStyle } from './series-style';

describe('seriesStyle', () => {
  it('keeps the ten palette colours, solid, for the first ten series', () => {
    const first = Array.from({ length: 10 }, (_, i) => seriesStyle(i));
    expect(first[0]).toEqual({ colour: '#2f6fb5', dash: undefined });
    expect(new Set(first.map((s) => s.colour)).size).toBe(10);
    expect(first.every((s) => s.dash === undefined)).toBe(true);
  });

  it('gives every one of many series its own colour, and dashes from the eleventh on', () => {
    for (const n of [12, 25, 100]) {
      const styles = Array.from({ length: n }, (_, i) => seriesStyle(i));
      expect(new Set(styles.map((s) => s.colour)).size).toBe(n);
    }
    expect([seriesStyle(10).dash, seriesStyle(11).dash, seriesStyle(20).dash]).toEqual(['7 4', '7 4', '2 3']);
  });
});
