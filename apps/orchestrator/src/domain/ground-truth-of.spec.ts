import { groundTruthOf } from './ground-truth-of';

describe('groundTruthOf', () => {
  it.each([
    ['6*2', '12'],
    ['8+5-20', '-7'],
    ['(12+3)*4-5', '55'],
    [' 3 + 4 * 2 ', '11'],
    ['999*99*99+1', '9791200'],
  ])('evaluates the integer arithmetic question %p to %p', (question, truth) => {
    expect(groundTruthOf(question)).toBe(truth);
  });

  it.each([
    ['What is 6 times 2?'],
    ['6/2'],
    ['2^10'],
    ['6*(2'],
    ['12 3'],
    ['2(3+4)'],
    ['(1+2)(3+4)'],
    [''],
    ['+-'],
    ['1'.repeat(300)],
  ])('has no truth for %p', (question) => {
    expect(groundTruthOf(question)).toBeUndefined();
  });
});
