import { answerValue, isCorrectSolution } from './check-answer';

describe('isCorrectSolution', () => {
  it('reads the last closed box as the embedded profile does, and compares exact integers', () => {
    expect(isCorrectSolution('1+1=2\n\\boxed{2}', 2n)).toBe(true);
    expect(isCorrectSolution('1+1=3\n\\boxed{3}', 2n)).toBe(false);
    expect(isCorrectSolution('\\boxed{7} then \\boxed{2', 2n)).toBe(false);
    expect(isCorrectSolution('\\boxed{}', 0n)).toBe(false);
    expect(isCorrectSolution('no box', 2n)).toBe(false);
  });

  it('takes an answer as an integer expression, thousands separators and spaces ignored', () => {
    expect(answerValue(' -1,024 ')).toBe(-1024n);
    expect(answerValue('3+4')).toBe(7n);
    expect(answerValue('abc')).toBeUndefined();
  });
});
