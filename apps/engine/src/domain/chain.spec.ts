import { applyStep, formatChain, parseChain } from './chain';

describe('parseChain', () => {
  it('reads a chain of + and - on integers, and writes it back the same', () => {
    const chain = parseChain(' 7+5-3+18 ');
    expect(chain).toEqual({ start: 7n, steps: [{ op: '+', operand: 5n }, { op: '-', operand: 3n }, { op: '+', operand: 18n }] });
    expect(formatChain(chain!)).toBe('7+5-3+18');
  });

  it.each(['7', '7+', '-7+5', '7*5', '7+(5-3)', '7 + 5', 'seven+5'])('is not a chain: %p', (q) => {
    expect(parseChain(q)).toBeUndefined();
  });

  it('applies a step', () => {
    expect(applyStep(7n, { op: '-', operand: 9n })).toBe(-2n);
    expect(applyStep(7n, { op: '+', operand: 9n })).toBe(16n);
  });
});
