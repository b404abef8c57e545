import { groundTruthOf } from './ground-truth-of';

describe('groundTruthOf', () => {
  it.each([
    ['6*2', '12'],
    ['8+5-20', '-7'],
    ['(12+3)*4-5', '55'],
    [' 3 + 4 * 2 ', '11'],
    ['7+5-3+8-6+9-1', '19'],
    ['-3*-4', '12'],
    ['999999999*999999999*999999999', '999999997000000002999999999'],
  ])('evaluates the integer arithmetic question %p to %p', (question, truth) => {
    expect(groundTruthOf(question)).toBe(truth);
  });

  it.each([
    ['What is 6 times 2?'],
    ['6/2'],
    ['2^10'],
    ['6*(2'],
    ['6*2)'],
    ['12 3'],
    ['2(3+4)'],
    ['(1+2)(3+4)'],
    [''],
    ['+-'],
    ['3+'],
    ['1'.repeat(300)],
    ['('.repeat(150) + '1' + ')'.repeat(150)],
  ])('has no truth for %p', (question) => {
    expect(groundTruthOf(question)).toBeUndefined();
  });
});
