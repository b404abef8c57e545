import { answerValue, isCorrectSolution } from './check-answer';
import { extractBoxed } from './extract-boxed';

describe('extractBoxed', () => {
  it('takes the last closed box, matching nested braces', () => {
    expect(extractBoxed('a \\boxed{1} b \\boxed{\\frac{1}{2}}')).toBe('\\frac{1}{2}');
    expect(extractBoxed('\\boxed{7} then \\boxed{8')).toBe('7');
    expect(extractBoxed('no box')).toBeUndefined();
  });
  it('checks answers as exact integers', () => {
    expect(answerValue(' -1,024 ')).toBe(-1024n);
    expect(answerValue('abc')).toBeUndefined();
    expect(isCorrectSolution('1+1=2\n\\boxed{2}', 2n)).toBe(true);
    expect(isCorrectSolution('1+1=3\n\\boxed{3}', 2n)).toBe(false);
  });
});
