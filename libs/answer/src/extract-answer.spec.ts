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

  describe('at the size limit of the analyzer (a million characters), on adversarial text', () => {
    const LIMIT = 1_000_000;
    const fill = (unit: string, tail = '') => unit.repeat(Math.floor((LIMIT - tail.length) / unit.length)) + tail;
    const half = LIMIT / 2 - 10;
    const boxes = Math.floor(LIMIT / 11);
    // [case, text, strict answer, lenient answer]; null: no answer found.
    it.each<[string, string, string | null, string | null]>([
      ['boxes that never close', fill('\\boxed{'), null, null],
      ['blank boxes closed at the end', '\\boxed{'.repeat(LIMIT / 8) + '}'.repeat(LIMIT / 8), null, null],
      ['boxes nested to the end', '\\boxed{'.repeat(LIMIT / 8 - 1) + '7' + '}'.repeat(LIMIT / 8 - 1), '7', '7'],
      ['deeply nested braces in a box', `\\boxed{${'{'.repeat(half)}1${'}'.repeat(half)}}`, `${'{'.repeat(half)}1${'}'.repeat(half)}`, `${'{'.repeat(half)}1${'}'.repeat(half)}`],
      ['a run of unclosed fractions', fill('\\frac{', ' \\boxed{2}'), '2', '2'],
      ['a run of backslashes', fill('\\\\', '\\boxed{3}'), '3', '3'],
      ['an unclosed \\text between boxes', `\\boxed{1}\\text{${' '.repeat(LIMIT - 30)}\\boxed{2}`, '2', '2'],
      ['boxes joined by commas', '\\boxed{1}, '.repeat(boxes), '1', Array(boxes).fill('1').join(', ')],
      ['boxes separated by prose', fill('\\boxed{1} and then ', '\\boxed{9}.'), '9', '9'],
      ['"final answer is" repeated', fill('final answer is ', ' 42.'), null, '42'],
      ['a marker followed by blank space', 'Final Answer:' + ' '.repeat(LIMIT - 20) + 'x', null, 'x'],
      ['dollar signs', fill('$'), null, null],
    ])('reads %s in well under a second', (_case, text, strict, lenient) => {
      expect(text.length).toBeLessThanOrEqual(LIMIT);
      for (const [mode, expected] of [['strict', strict], ['lenient', lenient]] as const) {
        const started = performance.now();
        const extraction = extractAnswer(text, mode);
        expect(performance.now() - started).toBeLessThan(1000);
        expect(extraction).toEqual(expected === null ? { found: false, answer: '' } : { found: true, answer: expected });
      }
    });
  });
});
