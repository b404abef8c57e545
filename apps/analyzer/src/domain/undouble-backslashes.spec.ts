import { undoubleBackslashes } from './undouble-backslashes';

describe('undoubleBackslashes', () => {
  it.each([
    ['\\\\frac{1}{2}', '\\frac{1}{2}'],
    ['\\\\left(1, 2\\\\right)', '\\left(1, 2\\right)'],
    ['\\\\frac{\\sqrt{3}}{2}', '\\frac{\\sqrt{3}}{2}'],
    ['12\\\\%', '12\\%'],
  ])('halves the backslashes of a twice-escaped answer: %s', (raw, expected) => expect(undoubleBackslashes(raw)).toBe(expected));

  it('leaves a doubled backslash before a space or digit: a line break, not an escape', () => {
    expect(undoubleBackslashes('1 \\\\ 2')).toBe('1 \\\\ 2');
  });

  it('keeps the row breaks of an environment written with single backslashes', () => {
    expect(undoubleBackslashes('\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}')).toBe('\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}');
  });

  it('leaves single backslashes alone', () => {
    expect(undoubleBackslashes('\\frac{1}{2}')).toBe('\\frac{1}{2}');
  });
});
