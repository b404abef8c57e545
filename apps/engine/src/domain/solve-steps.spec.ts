import { Rng } from '../util/rng';
import { isCorrectSolution } from './check-answer';
import { corruptSolution } from './corrupt-solution';
import { evaluateExpression } from './expression';
import { generateProblem, LEVELS } from './generate-problem';
import { formatSolution, solveSteps } from './solve-steps';

describe('solveSteps', () => {
  it('writes one line per operation, multiplication and parentheses first', () => {
    const { steps, answer } = solveSteps('23+45*2-7');
    expect(formatSolution(steps, answer)).toBe('45*2=90\n23+90=113\n113-7=106\n\\boxed{106}');
    expect(solveSteps('(12-45)*2').steps).toEqual(['12-45=-33', '-33*2=-66']);
  });

  it('boxes the answer alone in the direct style', () => {
    const { steps, answer } = solveSteps('23+45*2-7');
    expect(formatSolution(steps, answer, 'direct')).toBe('\\boxed{106}');
  });

  it('agrees with the exact evaluator on generated problems of every level', () => {
    const rng = new Rng(5);
    for (const level of LEVELS) {
      for (let i = 0; i < 200; i++) {
        const p = generateProblem(rng, level);
        expect(solveSteps(p.question).answer).toBe(evaluateExpression(p.question));
        expect(p.answer).toBe(evaluateExpression(p.question));
      }
    }
  });

  it('grades difficulty by the number of operations', () => {
    const rng = new Rng(6);
    const ops = LEVELS.map((l) => solveSteps(generateProblem(rng, l).question).steps.length);
    expect(ops[0]).toBe(1);
    expect(ops[4]).toBeGreaterThanOrEqual(3);
  });

  it('corrupted solutions box a wrong answer, worked or direct', () => {
    const rng = new Rng(8);
    for (let i = 0; i < 100; i++) {
      const p = generateProblem(rng, rng.pick(LEVELS));
      expect(isCorrectSolution(corruptSolution(rng, p.question), p.answer)).toBe(false);
      const direct = corruptSolution(rng, p.question, 'direct');
      expect(direct).toMatch(/^\\boxed\{-?\d+\}$/);
      expect(isCorrectSolution(direct, p.answer)).toBe(false);
    }
  });
});
