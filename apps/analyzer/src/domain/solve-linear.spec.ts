import { latexToMathjs } from './latex-to-mathjs';
import { solveLinear } from './solve-linear';

const linear = (latex: string) => {
  const l = solveLinear(latexToMathjs(latex) ?? '');
  return l && { variable: l.variable, slope: l.slope.toFraction(), root: l.root.toFraction() };
};

describe('solveLinear', () => {
  it('finds slope and root of a linear expression in one variable', () => {
    expect(linear('2x+1-7')).toEqual({ variable: 'v_x', slope: '2', root: '3' });
    expect(linear('-3x-6')).toEqual({ variable: 'v_x', slope: '-3', root: '-2' });
    expect(linear('\\frac{3t-1}{2}-4')).toEqual({ variable: 'v_t', slope: '3/2', root: '3' });
  });

  it.each(['x^2-4', '5', 'x+y', '\\sqrt{2}x-1', '\\frac{1}{x}'])('is null for %s, which is not linear in one variable with rational coefficients', (latex) => {
    expect(linear(latex)).toBeNull();
  });
});
