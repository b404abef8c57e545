import { evaluateArithmetic } from './evaluate-arithmetic';

describe('evaluateArithmetic', () => {
  it('multiplies before it adds, and evaluates left to right within a precedence level', () => {
    expect(evaluateArithmetic('2+3*4')).toBe(14n);
    expect(evaluateArithmetic('10-3-2')).toBe(5n);
    expect(evaluateArithmetic('(2+3)*4')).toBe(20n);
    expect(evaluateArithmetic('2*-(3-5)')).toBe(4n);
  });

  it('names the malformed expression', () => {
    expect(() => evaluateArithmetic('2+*3')).toThrow('malformed expression "2+*3"');
    expect(() => evaluateArithmetic('2/3')).toThrow('unexpected character "/"');
  });
});
