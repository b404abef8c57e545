import { Rng } from '../util/rng';
import { parseChain } from './chain';
import { correctDerivation } from './derive-chain';
import { faultyDerivation, SLIPS } from './faulty-derivation';
import { generateProblem, LEVELS } from './generate-problem';

describe('faultyDerivation', () => {
  const rng = new Rng(3);
  const draws = Array.from({ length: 3000 }, () => {
    const p = generateProblem(rng, LEVELS[rng.int(0, LEVELS.length - 1)]);
    const chain = parseChain(p.question)!;
    return { p, chain, right: correctDerivation(chain), faulty: faultyDerivation(rng, chain, p.answer) };
  });

  it('always boxes a wrong answer', () => {
    for (const { p, faulty } of draws) expect(faulty.answer).not.toBe(p.answer);
  });

  it('is right up to the faulty line', () => {
    for (const { right, faulty } of draws) expect(faulty.lines.slice(0, faulty.at)).toEqual(right.lines.slice(0, faulty.at));
  });

  it('computes every line after the slip correctly from the line before', () => {
    for (const { faulty } of draws) {
      for (let i = faulty.at + 1; i < faulty.lines.length; i++) {
        const [, a, op, b, c] = /^(-?\d+)([+-])(\d+)=(-?\d+)$/.exec(faulty.lines[i])!;
        expect(BigInt(c)).toBe(op === '+' ? BigInt(a) + BigInt(b) : BigInt(a) - BigInt(b));
        expect(a).toBe(faulty.lines[i - 1].split('=')[1]);
      }
    }
  });

  it('draws every kind of slip at every position', () => {
    expect(new Set(draws.map((d) => d.faulty.slip))).toEqual(new Set(SLIPS));
    const positions = new Set(draws.filter((d) => d.chain.steps.length === 3).map((d) => d.faulty.at));
    expect(positions).toEqual(new Set([0, 1, 2]));
  });
});
