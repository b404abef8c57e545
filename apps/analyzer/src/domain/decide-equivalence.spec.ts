import { decideEquivalence } from './decide-equivalence';
import { prepareAnswer } from './prepare-answer';

const decide = (a: string, b: string) => decideEquivalence(prepareAnswer(a), prepareAnswer(b));

describe('decideEquivalence', () => {
  it('names the cheapest method that settled the question', () => {
    expect(decide('42', '42')).toEqual({ equivalent: true, method: 'exact' });
    expect(decide('\\dfrac{1}{2}', '\\frac12')).toEqual({ equivalent: true, method: 'normalized' });
    expect(decide('\\frac{1}{2}', '0.5')).toEqual({ equivalent: true, method: 'symbolic' });
    expect(decide('2\\sqrt2', '\\sqrt8')).toEqual({ equivalent: true, method: 'numeric' });
    expect(decide('\\text{red}', '\\text{blue}')).toEqual({ equivalent: false, method: 'undecided' });
  });

  it('says which method proved a difference', () => {
    expect(decide('3', '4')).toEqual({ equivalent: false, method: 'symbolic' });
    expect(decide('\\pi', '3.15')).toEqual({ equivalent: false, method: 'numeric' });
  });

  it('leaves a short rounded decimal undecided instead of different', () => {
    expect(decide('\\pi', '3.14')).toEqual({ equivalent: false, method: 'undecided' });
  });

  it('tries the other readings of an answer only to find an equality', () => {
    expect(decide('3,5', '3.5')).toEqual({ equivalent: true, method: 'symbolic' });
    expect(decide('3,5', '\\{3, 5\\}')).toEqual({ equivalent: true, method: 'symbolic' });
    expect(decide('y = 2x', 'x = \\frac{y}{2}')).toEqual({ equivalent: true, method: 'symbolic' });
    expect(decide('2:3', '\\frac{2}{3}')).toEqual({ equivalent: true, method: 'symbolic' });
    // Different by the first reading, and no other reading is equal.
    expect(decide('y = 2x', '3x')).toEqual({ equivalent: false, method: 'symbolic' });
  });

  it('is symmetric', () => {
    for (const [a, b] of [['\\frac12', '0.5'], ['(1,2)', '(2,1)'], ['x^2', '|x|'], ['50\\%', '0.5']]) {
      expect(decide(a, b)).toEqual(decide(b, a));
    }
  });

  it('does not call two blank answers equivalent by normalisation', () => {
    expect(decide('\\,', '\\;')).toEqual({ equivalent: false, method: 'undecided' });
  });
});
