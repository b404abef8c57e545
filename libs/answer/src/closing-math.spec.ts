import { closingMath } from './closing-math';

describe('closingMath', () => {
  it.each([
    ['$...$', 'the probability is $\\frac{3}{8}$.', '\\frac{3}{8}'],
    ['$$...$$', 'so\n$$ 2\\sqrt{3} $$', '2\\sqrt{3}'],
    ['\\[...\\]', 'hence \\[x = 5\\]\n', 'x = 5'],
    ['\\(...\\)', 'which is \\(12\\)!', '12'],
  ])('returns the content of a closing %s formula', (_case, text, expected) => expect(closingMath(text)).toBe(expected));

  it.each([
    ['text after the formula', 'we get $x = 2$ and check it'],
    ['a blank formula', 'so $ $.'],
    ['an unopened delimiter', 'costs 5$'],
    ['no formula', 'the answer is 5'],
  ])('is null with %s', (_case, text) => expect(closingMath(text)).toBeNull());
});
