import { prepareAnswer } from './prepare-answer';

describe('prepareAnswer', () => {
  it('normalises and parses an answer once, with its alternative readings', () => {
    expect(prepareAnswer('3,5')).toMatchObject({ raw: '3,5', normalized: '3,5', parsed: { kind: 'set' }, alternatives: [{ kind: 'scalar' }] });
  });

  it('drops alternative readings that are mere text', () => {
    expect(prepareAnswer('(p,q)=(3,2)').alternatives).toEqual([]);
  });

  it('compares a very long answer as written, in bounded time', () => {
    const raw = '.'.repeat(1_000_000) + 'a';
    const started = performance.now();
    expect(prepareAnswer(raw)).toEqual({ raw, normalized: raw, parsed: { kind: 'text', text: raw }, alternatives: [] });
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('keeps at most four alternative readings: they are compared pairwise', () => {
    const chain = Array.from({ length: 60 }, (_, i) => `\\sqrt{${i + 2}}`).join('\\approx ');
    expect(prepareAnswer(`${chain}\\approx 5`).alternatives).toHaveLength(4);
  });
});
