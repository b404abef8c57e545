import { extractAnswer } from './extract-answer';

describe('extractAnswer', () => {
  it('returns the content of a single box', () => {
    expect(extractAnswer('So the answer is \\boxed{42}.')).toEqual({ found: true, answer: '42' });
  });

  it('keeps nested braces whole', () => {
    expect(extractAnswer('\\boxed{\\frac{1}{\\sqrt{2}}}')).toEqual({ found: true, answer: '\\frac{1}{\\sqrt{2}}' });
    expect(extractAnswer('\\boxed{\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}}').answer).toBe('\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}');
  });

  it('takes the last of several boxes', () => {
    expect(extractAnswer('First \\boxed{3}, then corrected: \\boxed{4}').answer).toBe('4');
  });

  it('treats a text without a box as a parse failure', () => {
    expect(extractAnswer('The answer is 42.')).toEqual({ found: false, answer: '' });
    expect(extractAnswer('')).toEqual({ found: false, answer: '' });
  });

  it('treats an unclosed box as a parse failure', () => {
    expect(extractAnswer('\\boxed{\\frac{1}{2}')).toEqual({ found: false, answer: '' });
  });

  it('falls back to an earlier closed box when the last one never closes (a truncated sample)', () => {
    expect(extractAnswer('\\boxed{7} but wait \\boxed{8')).toEqual({ found: true, answer: '7' });
  });

  it('takes the inner box of nested boxes', () => {
    expect(extractAnswer('\\boxed{\\boxed{5}}').answer).toBe('5');
  });

  it('reads escaped braces as content, not structure', () => {
    expect(extractAnswer('\\boxed{\\{1, 2\\}}').answer).toBe('\\{1, 2\\}');
    expect(extractAnswer('\\boxed{\\}').found).toBe(false);
  });

  it('accepts \\fbox and whitespace before the brace, but not longer command names', () => {
    expect(extractAnswer('\\fbox{9}').answer).toBe('9');
    expect(extractAnswer('\\boxed {10}').answer).toBe('10');
    expect(extractAnswer('\\boxedfoo{11}').found).toBe(false);
  });

  it('trims the content and treats a blank box as a parse failure', () => {
    expect(extractAnswer('\\boxed{  12 }').answer).toBe('12');
    expect(extractAnswer('\\boxed{}')).toEqual({ found: false, answer: '' });
    expect(extractAnswer('\\boxed{3} then \\boxed{ }')).toEqual({ found: false, answer: '' });
  });
});
