import { lenientAnswer } from './lenient-answer';

describe('lenientAnswer', () => {
  it('reads a single box as strict extraction does', () => {
    expect(lenientAnswer('Hence $\\boxed{\\dfrac{5}{2}}$.')).toBe('\\dfrac{5}{2}');
  });

  it('joins boxes that state one answer, and takes the later of two separate statements', () => {
    expect(lenientAnswer('\\boxed{1}\\boxed{2}')).toBe('1, 2');
    expect(lenientAnswer('So $x = \\boxed{-3}$ or $x = \\boxed{5}$.')).toBe('-3, 5');
    expect(lenientAnswer('First $r = \\boxed{2}$.\nThen the sum is $\\boxed{62}$.')).toBe('62');
    expect(lenientAnswer('At first \\boxed{3}. Wait, I missed a case: \\boxed{4}.')).toBe('4');
  });

  it('reads answers given in prose', () => {
    expect(lenientAnswer('Counting the cases.\n\nFinal Answer: The largest n is 34.')).toBe('34');
    expect(lenientAnswer('Working it out.\nAnswer $ 9 $')).toBe('9');
    expect(lenientAnswer('**Answer:** $42$')).toBe('42');
  });

  it('prefers a final-answer statement after the last box: models restate the answer last', () => {
    expect(lenientAnswer('so \\boxed{12}.\n\nFinal Answer: The final answer is $12.5$. I hope it is correct.')).toBe('12.5');
  });

  it('keeps the box when a later marker states no value', () => {
    expect(lenientAnswer('\\boxed{7}. Note that the answer is independent of r.')).toBe('7');
  });

  it('falls back to the formula that ends the text', () => {
    expect(lenientAnswer('Putting it together, the probability is $\\frac{3}{8}$.')).toBe('\\frac{3}{8}');
  });

  it.each([
    ['a truncated box', 'so the answer is $\\boxed{\\frac{3}{'],
    ['prose that is no value', 'The answer is independent of the radius, as shown.'],
    ['a blank box', 'The answer is \\boxed{ }'],
    ['no answer at all', 'Let x be the number of apples. Then 3x + 2 = 17, so'],
  ])('finds no answer in %s', (_case, text) => expect(lenientAnswer(text)).toBeNull());

  it('takes linear time on adversarial input', () => {
    const texts = ['\\boxed{1} and then '.repeat(20_000), 'the answer is '.repeat(20_000), 'Final Answer:' + ' '.repeat(300_000) + 'x', '$'.repeat(300_000)];
    const started = performance.now();
    for (const text of texts) lenientAnswer(text);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
