import { evaluateExpression } from './expression';

describe('evaluateExpression', () => {
  it.each([
    ['23+45*2-7', 106n],
    ['(172-148)*55*33', 43560n],
    ['2*-33', -66n],
    ['99999999999*99999999999', 9999999999800000000001n],
  ])('%s = %s', (q, v) => expect(evaluateExpression(q)).toBe(v));

  it.each(['', '1+', '(1+2', '1+2)', '3/4', 'x'])('rejects %j', (q) => expect(() => evaluateExpression(q)).toThrow());
});
