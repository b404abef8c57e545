import { Rng } from '../util/rng';
import { evaluateArithmetic } from './arithmetic';
import { parseChain } from './chain';
import { correctDerivation } from './derive-chain';
import { generateProblem, LEVELS, operationsOf } from './generate-problem';

describe('generateProblem', () => {
  it('writes chains of level + 2 single-digit operations with exact answers', () => {
    const rng = new Rng(5);
    for (const level of LEVELS) {
      for (let i = 0; i < 300; i++) {
        const p = generateProblem(rng, level);
        const chain = parseChain(p.question)!;
        expect(chain.steps).toHaveLength(operationsOf(level));
        expect(chain.steps.every((s) => s.operand >= 1n && s.operand <= 9n)).toBe(true);
        expect(correctDerivation(chain).answer).toBe(p.answer);
        expect(p.answer).toBe(evaluateArithmetic(p.question));
        expect(p.knowledgePoints.length).toBeGreaterThan(0);
      }
    }
  });

  it('draws signs and digits uniformly, so every chain of a level is one of its 9 x 18^(L+2) problems', () => {
    const rng = new Rng(6);
    const seen = new Set<string>();
    const signs = { '+': 0, '-': 0 };
    for (let i = 0; i < 20_000; i++) {
      const p = generateProblem(rng, 1);
      seen.add(p.question);
      for (const s of parseChain(p.question)!.steps) signs[s.op]++;
    }
    expect(9 * 18 ** operationsOf(1)).toBeGreaterThanOrEqual(10_000);
    // 20 000 uniform draws from 52 488 problems leave about 52 488 (1 - e^(-20000/52488)) = 16 900 distinct.
    expect(seen.size).toBeGreaterThan(16_000);
    expect(Math.abs(signs['+'] / (signs['+'] + signs['-']) - 0.5)).toBeLessThan(0.01);
  });
});
