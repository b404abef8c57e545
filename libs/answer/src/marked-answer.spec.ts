import { markedAnswer } from './marked-answer';

const answer = (text: string) => markedAnswer(text)?.answer ?? null;

describe('markedAnswer', () => {
  it.each([
    ['a Minerva-style final answer', 'Final Answer: The final answer is $\\frac{1}{2}$. I hope it is correct.', '\\frac{1}{2}'],
    ['the words after "is"', 'Done.\n\nFinal Answer: The largest n is 34.', '34'],
    ['a value with its unit', 'Final Answer: There are 12 ways.', '12 ways'],
    ['a line opening with Answer', 'Answer $ 9 $', '9'],
    ['a markdown answer label', '**Answer:** $42$', '42'],
    ['a heading with the value below it', '**Final Answer**\n\n$$x = 4$$', 'x = 4'],
    ['a decimal ending the sentence', 'So the answer is 3.5.', '3.5'],
    ['a choice letter after "the answer is"', 'Hence the answer is (C).', '(C)'],
    ['a word after a strong marker', 'Final answer: Monday', 'Monday'],
  ])('reads %s', (_case, text, expected) => expect(answer(text)).toBe(expected));

  it('takes the last marker of the text, and says where it starts', () => {
    expect(markedAnswer('The answer is 3.\nNo wait.\nFinal answer: 4')).toEqual({ start: 26, answer: '4' });
  });

  it.each([
    ['prose that states no value', 'Note that the answer is independent of r.'],
    ['a word after "the answer is"', 'We check that the answer is right.'],
    ['a box, which box groups read', 'The answer is \\boxed{5}.'],
    ['a sentence that is not the last line', 'The answer: first compute 3 sums.\nThen we add them.'],
    ['no marker', 'We get 42.'],
    ['a marker with nothing after it', 'Final Answer:'],
  ])('finds nothing in %s', (_case, text) => expect(markedAnswer(text)).toBeNull());
});
