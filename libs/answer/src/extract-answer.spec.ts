import { extractAnswer } from './extract-answer';

describe('extractAnswer', () => {
  const text = 'First \\boxed{1}\\boxed{2}.';

  it('reads the text by the rule of the mode', () => {
    expect(extractAnswer(text, 'strict')).toEqual({ found: true, answer: '2' });
    expect(extractAnswer(text, 'lenient')).toEqual({ found: true, answer: '1, 2' });
  });

  it('reports a text without an answer as found = false with an empty answer', () => {
    expect(extractAnswer('Final Answer: The largest n is 34.', 'strict')).toEqual({ found: false, answer: '' });
    expect(extractAnswer('I could not finish.', 'lenient')).toEqual({ found: false, answer: '' });
  });
});
