import { normalizeAnswer } from './normalize-answer';

const text = (raw: string) => normalizeAnswer(raw).text;

describe('normalizeAnswer', () => {
  it.each([
    ['\\dfrac{1}{2}', '\\frac{1}{2}'],
    ['\\tfrac12', '\\frac{1}{2}'],
    ['\\cfrac{a}b', '\\frac{a}{b}'],
    ['\\dbinom{5}{2}', '\\binom{5}{2}'],
    ['\\sqrt2', '\\sqrt{2}'],
    ['\\sqrt[3] {8}', '\\sqrt[3]{8}'],
  ])('rewrites fraction, binomial and root shorthands: %s', (raw, expected) => expect(text(raw)).toBe(expected));

  it.each([
    ['\\left( 1, 2 \\right)', '(1,2)'],
    ['\\left\\{ 1 \\right\\}', '\\{1\\}'],
    ['\\left. x \\right|', 'x|'],
    ['\\Big( 3 \\Big)', '(3)'],
    ['1\\,000', '1000'],
    ['\\frac{1}{2}\\;\\quad', '\\frac{1}{2}'],
    ['\\!\\frac{3}{4}', '\\frac{3}{4}'],
    ['\\displaystyle \\frac{1}{2}', '\\frac{1}{2}'],
    ['2 \\pi r', '2\\pi r'],
  ])('drops sizing and spacing commands: %s', (raw, expected) => expect(text(raw)).toBe(expected));

  it.each([
    ['5\\text{ cm}', '5'],
    ['12 \\text{ inches}', '12'],
    ['36\\mbox{ square feet}', '36'],
    ['7 \\text{ cm}^2', '7'],
    ['10\\text{ m}', '10'],
    ['3 hours', '3'],
    ['5cm', '5'],
    ['\\text{Monday}', 'Monday'],
    ['\\textbf{(C)}', 'C'],
    ['\\text{cm}', 'cm'],
  ])('unwraps \\text{} and drops units after a value, never the value itself: %s', (raw, expected) => expect(text(raw)).toBe(expected));

  it('keeps letters that only look like units when glued to a letter or command', () => {
    expect(text('\\sec')).toBe('\\sec');
    expect(text('xcm')).toBe('xcm');
    expect(text('2 m')).toBe('2m');
  });

  it.each([
    ['1,000', '1000'],
    ['1,234,567.5', '1234567.5'],
    ['1{,}000', '1000'],
    ['2,\\!000', '2000'],
    ['\\$1,000', '1000'],
  ])('removes thousands separators: %s', (raw, expected) => expect(text(raw)).toBe(expected));

  it('leaves commas that separate values', () => {
    expect(text('1,2')).toBe('1,2');
    expect(text('1,0000')).toBe('1,0000');
    expect(text('(1,000)')).toBe('(1,000)');
  });

  it.each([
    ['2.50', '2.5'],
    ['3.0', '3'],
    ['10.500', '10.5'],
    ['.5', '0.5'],
    ['-.25', '-0.25'],
    ['100', '100'],
    ['1.05', '1.05'],
  ])('canonicalises decimals: %s', (raw, expected) => expect(text(raw)).toBe(expected));

  it('removes percent signs and remembers them', () => {
    expect(normalizeAnswer('50\\%')).toEqual({ text: '50', percent: true, degrees: false, alternatives: [] });
    for (const raw of ['40 percent', '40 per cent', '40 pct', '40\\text{ percent}', '40 percentage points']) {
      expect(normalizeAnswer(raw)).toEqual({ text: '40', percent: true, degrees: false, alternatives: [] });
    }
    expect(normalizeAnswer('50')).toEqual({ text: '50', percent: false, degrees: false, alternatives: [] });
  });

  it('removes degree signs and remembers them', () => {
    for (const raw of ['30^\\circ', '30^{\\circ}', '30°', '30 degrees', '30\\degree']) {
      expect(normalizeAnswer(raw)).toEqual({ text: '30', percent: false, degrees: true, alternatives: [] });
    }
  });

  it('turns degrees inside a trigonometric function into radians', () => {
    expect(normalizeAnswer('\\sin 30^\\circ')).toEqual({ text: '\\sin{(30\\cdot\\frac{\\pi}{180})}', percent: false, degrees: false, alternatives: [] });
  });

  it('strips math delimiters and dollar signs', () => {
    expect(text('$\\frac{1}{2}$')).toBe('\\frac{1}{2}');
    expect(text('$$12$$')).toBe('12');
    expect(text('\\(7\\)')).toBe('7');
    expect(text('\\[7\\]')).toBe('7');
    expect(text('\\$5.00')).toBe('5');
  });

  it('drops a leading single-variable assignment or membership', () => {
    expect(text('x = 5')).toBe('5');
    expect(text('y=2x+3')).toBe('2x+3');
    expect(text('\\theta = \\frac{\\pi}{4}')).toBe('\\frac{\\pi}{4}');
    expect(text('x \\in [2, 5]')).toBe('[2,5]');
    expect(text('x^2+y^2=1')).toBe('x^2+y^2=1');
  });

  it('turns repeated assignments of one variable into a list of values', () => {
    expect(text('x=-2 \\text{ or } x=1')).toBe('-2,1');
    expect(text('x = 1, x = 2')).toBe('1,2');
    expect(text('x = 1, y = 2')).toBe('x=1,y=2');
  });

  it('reduces a multiple-choice letter to the letter', () => {
    expect(text('\\text{(A)}')).toBe('A');
    expect(text('(B)')).toBe('B');
    expect(text('E.')).toBe('E');
  });

  it('writes repeating decimals as exact fractions', () => {
    expect(text('0.\\overline{3}')).toBe('\\frac{3}{9}');
    expect(text('1.2\\overline{45}')).toBe('\\frac{1233}{990}');
  });

  it('braces one-character subscripts so spacing cannot change their meaning', () => {
    expect(text('\\log_2 8')).toBe('\\log_{2}8');
    expect(text('1011_2')).toBe('1011_{2}');
  });

  it('maps Unicode symbols to LaTeX', () => {
    expect(text('π')).toBe('\\pi');
    expect(text('−3')).toBe('-3');
    expect(text('√2')).toBe('\\sqrt{2}');
    expect(text('x ≤ 3')).toBe('x\\le3');
    expect(text('∅')).toBe('\\emptyset');
    expect(text('∞')).toBe('\\infty');
  });

  it('maps relation and bracket aliases', () => {
    expect(text('x \\leq 3')).toBe('x\\le3');
    expect(text('x \\geq 3')).toBe('x\\ge3');
    expect(text('\\langle 1, 2 \\rangle')).toBe('(1,2)');
    expect(text('\\lbrace 1 \\rbrace')).toBe('\\{1\\}');
  });

  it('keeps matrix row breaks', () => {
    expect(text('\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}')).toBe('\\begin{pmatrix}1\\\\2\\end{pmatrix}');
  });

  it('halves doubled backslashes and unwraps boxes and bold answers', () => {
    expect(text('\\\\frac{1}{2}')).toBe('\\frac{1}{2}');
    expect(text('\\\\left(1, 2\\\\right)')).toBe('(1,2)');
    expect(text('\\boxed{5}')).toBe('5');
    expect(text('**12**')).toBe('12');
  });

  it('reads commas in numbers as people write them, keeping a list reading where it is as likely', () => {
    expect(normalizeAnswer('32,349')).toMatchObject({ text: '32349', alternatives: [] });
    expect(normalizeAnswer('0,111')).toMatchObject({ text: '0.111', alternatives: [] });
    expect(normalizeAnswer('3,5')).toMatchObject({ text: '3,5', alternatives: ['3.5'] });
    expect(normalizeAnswer('32, 349')).toMatchObject({ text: '32,349', alternatives: [] });
  });

  it('lists values joined by "and", "or" and semicolons, but leaves "and" between inequalities', () => {
    expect(text('6 and 8')).toBe('6,8');
    expect(text('3 \\text{ or } 5')).toBe('3,5');
    expect(text('2, 3, and 5')).toBe('2,3,5');
    expect(text('1; 2; 3')).toBe('1,2,3');
    expect(text('x > 1 \\text{ and } x < 3')).toContain('and');
  });

  it('drops the prose a model boxes with its answer, and trailing punctuation', () => {
    expect(text('\\text{The answer is } 12')).toBe('12');
    expect(text('12.')).toBe('12');
    expect(text('(1, 2).')).toBe('(1,2)');
  });

  it('reads "no solution" as the empty set and a ratio as a fraction too', () => {
    expect(text('\\text{no real solutions}')).toBe('\\emptyset');
    expect(normalizeAnswer('2:3')).toMatchObject({ text: '2:3', alternatives: ['\\frac{2}{3}'] });
  });

  it('states the value of a labelled answer, keeping the equation as an alternative (stated-value.ts)', () => {
    expect(normalizeAnswer('f(x) = 2x + 1')).toMatchObject({ text: '2x+1', alternatives: ['f(x)=2x+1'] });
    expect(text('x = 5+5+1 = 11')).toBe('11');
  });

  it('maps Unicode superscripts and fractions', () => {
    expect(text('x²')).toBe('x^2');
    expect(text('½')).toBe('\\frac{1}{2}');
  });
});
