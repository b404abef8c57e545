import { compareAnswers } from './compare-answers';
import { normalizeAnswer } from './normalize-answer';
import { parseAnswer } from './parse-answer';
import { WorkBudget } from './work-budget';

const compare = (a: string, b: string) => compareAnswers(parseAnswer(normalizeAnswer(a)), parseAnswer(normalizeAnswer(b)));

describe('compareAnswers', () => {
  it('compares tuples item by item, brackets included', () => {
    expect(compare('(\\frac12, 3)', '(0.5, 3)')).toEqual({ result: 'equal', method: 'symbolic' });
    expect(compare('(1, 2)', '(2, 1)').result).toBe('different');
    expect(compare('(1, 2]', '(1, 2)').result).toBe('different');
    expect(compare('(1, 2)', '(1, 2, 3)').result).toBe('different');
    expect(compare('(\\sqrt8, 1)', '(2\\sqrt2, 1)')).toEqual({ result: 'equal', method: 'numeric' });
  });

  it('compares sets and bare lists without order', () => {
    expect(compare('\\{3, 1, 2\\}', '1, 2, 3').result).toBe('equal');
    expect(compare('\\{1, 2\\}', '\\{1, 2, 3\\}').result).toBe('different');
    expect(compare('\\emptyset', '\\{\\}').result).toBe('equal');
    expect(compare('\\emptyset', '\\{0\\}').result).toBe('different');
    expect(compare('\\pm\\sqrt2', '\\{\\sqrt2, -\\sqrt2\\}').result).toBe('equal');
  });

  it('compares unions without order', () => {
    expect(compare('(1,\\infty)\\cup(-\\infty,-1)', '(-\\infty,-1)\\cup(1,\\infty)').result).toBe('equal');
    expect(compare('(1,\\infty)\\cup(-\\infty,-1)', '(2,\\infty)\\cup(-\\infty,-1)').result).toBe('different');
  });

  it('compares intervals with inequalities', () => {
    expect(compare('[0, \\infty)', 'x \\ge 0').result).toBe('equal');
    expect(compare('(0, \\infty)', 'x \\ge 0').result).toBe('different');
  });

  it('compares matrices cell by cell and shape first', () => {
    const m = '\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}';
    expect(compare(m, '\\begin{bmatrix} 1 & 2 \\\\ 3 & 2^2 \\end{bmatrix}').result).toBe('equal');
    expect(compare(m, '\\begin{pmatrix} 1 & 3 \\\\ 2 & 4 \\end{pmatrix}').result).toBe('different');
    expect(compare(m, '\\begin{pmatrix} 1 & 2 \\end{pmatrix}').result).toBe('different');
  });

  it('compares a column or row vector with a parenthesised tuple', () => {
    expect(compare('\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}', '(1, 2)').result).toBe('equal');
    expect(compare('\\begin{pmatrix} 1 & 2 \\end{pmatrix}', '(2, 1)').result).toBe('different');
    expect(compare('\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}', '[1, 2]').result).toBe('unknown');
  });

  it('compares equations up to moving terms across and swapping sides', () => {
    expect(compare('x^2+y^2=1', 'y^2+x^2=1').result).toBe('equal');
    expect(compare('x+y=1', '1=x+y').result).toBe('equal');
    expect(compare('x^2+y^2=4', 'x^2+y^2-4=0').result).toBe('equal');
    // A scaled equation is the same curve.
    expect(compare('2x+2y=2', 'x+y=1').result).toBe('equal');
    // Not a scaled copy: unknown, not "different" (equations can agree in other ways).
    expect(compare('x+y=1', 'x-y=1').result).toBe('unknown');
  });

  it('compares text case- and space-insensitively, and never calls different text "different"', () => {
    expect(compare('\\text{Devon}', 'devon')).toEqual({ result: 'equal', method: 'normalized' });
    expect(compare('\\text{even}', '\\text{odd}').result).toBe('unknown');
  });

  it('compares a set of one member with that member', () => {
    expect(compare('\\{5\\}', '5').result).toBe('equal');
    expect(compare('6', '\\{5\\}').result).toBe('different');
  });

  it('is unknown across kinds it cannot line up', () => {
    expect(compare('(3, 4)', '7').result).toBe('unknown');
    expect(compare('\\text{five}', '5').result).toBe('unknown');
  });

  it('is unknown for scalars once the budget of a decision has no comparison left', () => {
    const budget = new WorkBudget();
    while (budget.takeComparison());
    expect(compareAnswers(parseAnswer(normalizeAnswer('1')), parseAnswer(normalizeAnswer('1.0')), budget)).toEqual({ result: 'unknown', method: 'numeric' });
  });
});
