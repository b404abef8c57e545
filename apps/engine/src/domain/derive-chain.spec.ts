import { parseChain } from './chain';
import { correctDerivation, deriveChain, formatDerivation } from './derive-chain';

describe('deriveChain', () => {
  it('writes the running total, one operation per line, then the box', () => {
    expect(formatDerivation(correctDerivation(parseChain('7+5-3+8')!))).toBe('7+5=12\n12-3=9\n9+8=17\n\\boxed{17}');
  });

  it('computes every later line from a replaced result, as a solver that slipped once would', () => {
    const chain = parseChain('7+5-3+8')!;
    const d = deriveChain(chain.start, chain.steps, [], (i, exact) => (i === 0 ? exact + 10n : exact));
    expect(d.lines).toEqual(['7+5=22', '22-3=19', '19+8=27']);
    expect(d.answer).toBe(27n);
  });

  it('writes an addition operand first where the orientation says so, and a subtraction always total first', () => {
    const chain = parseChain('7+5-3+8')!;
    expect(correctDerivation(chain, [true, true, true]).lines).toEqual(['5+7=12', '12-3=9', '8+9=17']);
    expect(correctDerivation(chain, [false, false, true]).answer).toBe(17n);
  });
});
