import { roundingAgreement, type Reading } from './rounding-agreement';

const decimal = (literal: string): Reading => {
  const places = literal.split('.')[1].length;
  return { expr: `(${literal})`, decimal: { places, digits: literal.replace(/[-.]/g, '').replace(/^0+/, '').length } };
};
const exact = (expr: string): Reading => ({ expr });

describe('roundingAgreement', () => {
  it.each([
    ['0.0833333', '1 / 12'],
    ['2.6667', '8 / 3'],
    ['1.414', 'sqrt(2)'],
    ['0.6666', '2 / 3'],
    ['-0.4167', '-5 / 12'],
    ['3.14159265358979', 'pi'],
  ])('calls a decimal with 4 or more digits equal to a value that rounds or truncates to it: %s, %s', (d, value) => {
    expect(roundingAgreement(decimal(d), exact(value))).toEqual({ result: 'equal', method: 'numeric' });
    expect(roundingAgreement(exact(value), decimal(d))).toEqual({ result: 'equal', method: 'numeric' });
  });

  it('leaves a shorter decimal that rounds to the value undecided: too few digits to tell', () => {
    expect(roundingAgreement(decimal('3.14'), exact('pi'))).toEqual({ result: 'unknown', method: 'numeric' });
    expect(roundingAgreement(decimal('0.333'), exact('1 / 3'))).toEqual({ result: 'unknown', method: 'numeric' });
  });

  it('leaves two decimals undecided when the shorter is the longer rounded', () => {
    expect(roundingAgreement(decimal('1.5'), decimal('1.53'))).toEqual({ result: 'unknown', method: 'numeric' });
  });

  it.each([
    ['2.6668', exact('8 / 3')],
    ['3.15', exact('pi')],
    ['1.4143', exact('sqrt(2)')],
    ['1.6', decimal('1.53')],
    ['1.55', decimal('1.53')],
  ])('explains nothing when %s is no rounding of the other value', (d, other) => {
    expect(roundingAgreement(decimal(d), other)).toBeNull();
  });

  it('explains nothing without a decimal literal, or against a value with variables', () => {
    expect(roundingAgreement(exact('1 / 3'), exact('sqrt(2)'))).toBeNull();
    expect(roundingAgreement(decimal('1.414'), exact('v_x'))).toBeNull();
  });
});
