import { parseChain, type Chain } from './chain';
import { correctDerivation, formatDerivation } from './derive-chain';
import { firstDerivationError } from './first-derivation-error';

const chain = (question: string): Chain => {
  const parsed = parseChain(question);
  if (!parsed) throw new Error(`not a chain: ${question}`);
  return parsed;
};

// Most texts are samples of the shipped base and its round-5 successor on benchmark questions (temperature 1).
describe('firstDerivationError', () => {
  it('finds none in a right derivation, whichever way round an addition is written', () => {
    const c = chain('9+4+7-7+4+7-8+3+2');
    expect(firstDerivationError(c, formatDerivation(correctDerivation(c)))).toEqual({ error: 'none', line: 8 });
    expect(firstDerivationError(c, formatDerivation(correctDerivation(c, [true, true, false, false, true])))).toEqual({ error: 'none', line: 8 });
  });

  it('calls a first line that lost the format garbled: the base on a 10-operation question', () => {
    const c = chain('5-3+4-1+5+1-1-9+8-5-7');
    expect(firstDerivationError(c, '4-45=-5ddd"thbbboic5\n4+4=-9\n-8}')).toEqual({ error: 'garbled', line: 0 });
    expect(firstDerivationError(c, '5=0\n5+0=5\n5+2=7\n\\boxed{7}')).toEqual({ error: 'garbled', line: 0 });
  });

  it('tells a wrong operand from a skipped, repeated or sign-flipped operation', () => {
    const c = chain('7-8-4-5-9+2-4+2-9+8');
    expect(firstDerivationError(c, '7-6=1\n1-4=-3\n\\boxed{-3}')).toEqual({ error: 'operand', line: 0 });
    expect(firstDerivationError(c, '7-4=3\n3-5=-2\n\\boxed{-2}')).toEqual({ error: 'skip', line: 0 });
    expect(firstDerivationError(c, '7-8=-1\n-1-8=-9\n\\boxed{-9}')).toEqual({ error: 'repeat', line: 1 });
    expect(firstDerivationError(c, '7-8=-1\n-1+4=3\n\\boxed{3}')).toEqual({ error: 'sign', line: 1 });
  });

  it('calls a line that does not start from the running total lost, and a miscomputed one a result slip', () => {
    const c = chain('9+5-3+7+4+5-8+3+9');
    // "9+5=8": the right operation, the wrong sum.
    expect(firstDerivationError(c, '9+5=8\n9+8=17\n\\boxed{17}')).toEqual({ error: 'result', line: 0 });
    expect(firstDerivationError(c, '9+5=14\n14-3=11\n7+12=19\n\\boxed{19}')).toEqual({ error: 'total', line: 2 });
  });

  it('finds a box before the last operation, lines past it, and a box that is not the total reached', () => {
    const c = chain('2-1+8-6');
    expect(firstDerivationError(c, '2-1=1\n1+8=9\n\\boxed{9}')).toEqual({ error: 'stop', line: 2 });
    expect(firstDerivationError(c, '2-1=1\n1+8=9\n9-6=3\n3-1=2\n\\boxed{2}')).toEqual({ error: 'extra', line: 3 });
    expect(firstDerivationError(c, '2-1=1\n1+8=9\n9-6=3\n\\boxed{4}')).toEqual({ error: 'box', line: 3 });
    expect(firstDerivationError(c, '2-1=1\n1+8=9\n9-6=3\n')).toEqual({ error: 'box', line: 3 });
  });
});
