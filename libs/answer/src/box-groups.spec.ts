import { boxGroups } from './box-groups';

const answers = (text: string) => boxGroups(text).map((g) => g.answer);

describe('boxGroups', () => {
  it.each([
    ['adjacent boxes', '\\boxed{1}\\boxed{2}', ['1, 2']],
    ['boxes between commas and math delimiters', 'roots $\\boxed{0}$, $\\boxed{1}$, $\\boxed{2}$.', ['0, 1, 2']],
    ['boxes joined by "and" or "or"', '$x = \\boxed{-3}$ and $x = \\boxed{5}$', ['-3, 5']],
    ['boxes joined by \\text{ or }', '\\boxed{4}\\text{ or }\\boxed{-1}', ['4, -1']],
  ])('joins %s into one answer', (_case, text, expected) => expect(answers(text)).toEqual(expected));

  it('keeps boxes separated by prose apart: the first was an intermediate result', () => {
    expect(answers('First $r = \\boxed{2}$.\nThen the sum is $\\boxed{62}$.')).toEqual(['2', '62']);
    expect(answers('\\boxed{1}. So \\boxed{2}')).toEqual(['1', '2']);
  });

  it('unwraps a box inside a box and skips blank boxes', () => {
    expect(answers('$\\boxed{\\boxed{5}}$')).toEqual(['5']);
    expect(answers('\\boxed{\\fbox{1} + \\boxed{2}}')).toEqual(['1 + 2']);
    expect(answers('\\boxed{} and \\boxed{ 3 }')).toEqual(['3']);
  });

  it('spans the group from its first command to its last closing brace', () => {
    expect(boxGroups('a \\boxed{1}\\boxed{2} b')).toEqual([{ start: 2, end: 19, answer: '1, 2' }]);
  });
});
