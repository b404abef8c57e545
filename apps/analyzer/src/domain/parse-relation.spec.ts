import type { Answer } from './answer';
import { bigMath } from './big-math';
import { normalizeAnswer } from './normalize-answer';
import { parseRelation } from './parse-relation';

const NO_SIGNS = { percent: false, degrees: false };
/** An interval as [open, low, high, close] with exact bounds evaluated to numbers; a union as a list of them. */
const read = (latex: string): unknown => shape(parseRelation(normalizeAnswer(latex).text, NO_SIGNS));
const shape = (a: Answer | null): unknown => {
  if (a?.kind === 'union') return a.items.map(shape);
  if (a?.kind !== 'tuple') return a?.kind ?? null;
  const value = (x: Answer) => (x.kind === 'scalar' ? Number(bigMath.evaluate(x.scalar.expr)) : NaN);
  return [a.open, value(a.items[0]), value(a.items[1]), a.close];
};

describe('parseRelation', () => {
  it('reads an equation', () => {
    expect(read('x^2+y^2=1')).toBe('equation');
  });

  it.each([
    ['x<1', ['(', -Infinity, 1, ')']],
    ['-x>-1', ['(', -Infinity, 1, ')']],
    ['3 < x', ['(', 3, Infinity, ')']],
    ['2x + 1 > 7', ['(', 3, Infinity, ')']],
    ['-3x \\le 6', ['[', -2, Infinity, ')']],
    ['\\frac{x}{2} \\le 3', ['(', -Infinity, 6, ']']],
    ['x + 4 \\ge 2x', ['(', -Infinity, 4, ']']],
  ])('solves the one-variable inequality %s', (latex, interval) => expect(read(latex)).toEqual(interval));

  it.each([
    ['-1 < 2x + 1 < 5', ['(', -1, 2, ')']],
    ['1 \\le 2x - 1 \\le 5', ['[', 1, 3, ']']],
    ['5 > -x > 1', ['(', -5, -1, ')']],
    ['4 > x > 1', ['(', 1, 4, ')']],
  ])('solves the double inequality %s', (latex, interval) => expect(read(latex)).toEqual(interval));

  it('reads a double inequality around a named quantity as its range', () => {
    expect(read('0 < f(x) < 1')).toEqual(['(', 0, 1, ')']);
    expect(read('-1 \\le \\sin x \\le 1')).toEqual(['[', -1, 1, ']']);
  });

  it('reads ≠ and |x| bounds as unions or intervals', () => {
    expect(read('x \\ne 2')).toEqual([['(', -Infinity, 2, ')'], ['(', 2, Infinity, ')']]);
    expect(read('|x| < 4')).toEqual(['(', -4, 4, ')']);
    expect(read('|x| \\ge 1')).toEqual([['(', -Infinity, -1, ']'], ['[', 1, Infinity, ')']]);
  });

  it.each(['x^2 < 4', 'x < y', '1 < 2 > 0', 'x = 1 < 2', '0 < x^2 < 4'])('is null for %s', (latex) => expect(read(latex)).toBeNull());
});
