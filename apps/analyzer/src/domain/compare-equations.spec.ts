import type { Answer } from './answer';
import { compareEquations } from './compare-equations';
import { normalizeAnswer } from './normalize-answer';
import { parseAnswer } from './parse-answer';

type Equation = Extract<Answer, { kind: 'equation' }>;
const equation = (latex: string): Equation => {
  const a = parseAnswer(normalizeAnswer(latex));
  if (a.kind !== 'equation') throw new Error(`${latex} is not an equation`);
  return a;
};
const compare = (a: string, b: string) => compareEquations(equation(a), equation(b)).result;

describe('compareEquations', () => {
  it.each([
    ['x^2+y^2=4', 'x^2+y^2-4=0'],
    ['x+y=1', '1=x+y'],
    ['2x+4y-3=0', '4y+2x=3'],
    ['x^2/4+y^2/3=1', 'x^2/16+y^2/12=1/4'],
    ['3x+6y=9', 'x+2y=3'],
    ['y-2=3(x-1)', '3x-y=1'],
    ['\\frac{x^2}{9}-\\frac{y^2}{16}=1', '16x^2-9y^2=144'],
  ])('calls %s and %s equal: one is the other moved and scaled', (a, b) => expect(compare(a, b)).toBe('equal'));

  it.each([
    ['x+y=1', 'x+y=2'],
    ['x+y=1', 'x-y=1'],
    ['x^2+y^2=1', 'x^2+y^2=2'],
    ['x^2y=6', 'x+y=5'],
  ])('is unknown, never different, for %s and %s', (a, b) => expect(compare(a, b)).toBe('unknown'));
});
