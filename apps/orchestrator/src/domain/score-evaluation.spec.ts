import { scoreEvaluation } from './score-evaluation';

describe('scoreEvaluation', () => {
  it('gives pass@1 over all problems and per group', () => {
    const e = scoreEvaluation('arithmetic', 2, [
      { id: 'a', group: 'level 1', expected: '1', answer: '1', correct: true },
      { id: 'b', group: 'level 1', expected: '2', answer: '3', correct: false },
      { id: 'c', group: 'level 2', expected: '4', answer: '4', correct: true },
      { id: 'd', expected: '5', answer: '', correct: false, error: 'too long' },
    ]);
    expect([e.benchmark, e.round, e.problems, e.pass_at_1, e.refused]).toEqual(['arithmetic', 2, 4, 0.5, 1]);
    expect(e.by_level).toEqual({ 'level 1': 0.5, 'level 2': 1 });
  });

  it('scores an empty benchmark as 0 without dividing by zero', () => {
    expect(scoreEvaluation('x', 0, []).pass_at_1).toBe(0);
  });
});
