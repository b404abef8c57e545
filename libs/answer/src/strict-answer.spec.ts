import { strictAnswer } from './strict-answer';

describe('strictAnswer', () => {
  it('returns the content of the last closed box, nested braces whole', () => {
    expect(strictAnswer('So the answer is \\boxed{42}.')).toBe('42');
    expect(strictAnswer('try \\boxed{1}, no: \\boxed{\\frac{1}{\\sqrt{2}}}')).toBe('\\frac{1}{\\sqrt{2}}');
    expect(strictAnswer('\\boxed{\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}}')).toBe('\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}');
  });

  it('takes the last box, even of boxes that together state one answer', () => {
    expect(strictAnswer('\\boxed{1}\\boxed{2}')).toBe('2');
  });

  it('falls back to an earlier closed box when the last one never closes (a truncated sample)', () => {
    expect(strictAnswer('\\boxed{7} but wait \\boxed{8')).toBe('7');
  });

  it('takes the inner box of nested boxes', () => {
    expect(strictAnswer('\\boxed{\\boxed{5}}')).toBe('5');
  });

  it('accepts \\fbox and whitespace before the brace, trims the content', () => {
    expect(strictAnswer('\\fbox{9}')).toBe('9');
    expect(strictAnswer('\\boxed {  10 }')).toBe('10');
  });

  it.each([
    ['no box', 'The answer is 42.'],
    ['an empty text', ''],
    ['an unclosed box', '\\boxed{\\frac{1}{2}'],
    ['a blank box', '\\boxed{}'],
    ['a blank last box', '\\boxed{3} then \\boxed{ }'],
    ['an escaped closing brace', '\\boxed{\\}'],
    ['a longer command name', '\\boxedfoo{11}'],
  ])('finds no answer in %s', (_case, text) => expect(strictAnswer(text)).toBeNull());
});
