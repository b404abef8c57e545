import { readCommaNumber } from './read-comma-number';

describe('readCommaNumber', () => {
  it.each(['32,349', '1,000,000', '12,345.67', '-4,096'])('reads %s as a number with thousands separators', (s) => {
    expect(readCommaNumber(s)).toEqual({ number: s.replace(/,/g, ''), list: false });
  });

  it.each([
    ['0,111', '0.111'],
    ['-0,25', '-0.25'],
    ['1000,99', '1000.99'],
  ])('reads %s as a decimal comma', (s, number) => expect(readCommaNumber(s)).toEqual({ number, list: false }));

  it('keeps both readings of a comma that may separate two values', () => {
    expect(readCommaNumber('3,5')).toEqual({ number: '3.5', list: true });
    expect(readCommaNumber('12,75')).toEqual({ number: '12.75', list: true });
  });

  it.each(['32, 349', '1,2,3', '(1,000)', '0,111,2', 'a,b'])('does not read %s as a number', (s) => expect(readCommaNumber(s)).toBeNull());
});
