import { splitTopLevel, topLevel } from './top-level';

const NAME = String.raw`(?:[A-Za-z]+|\\[A-Za-z]+)(?:_\{[A-Za-z0-9,]+\})?(?:\^\{-1\})?'*`;
// A left side that names the answer instead of being it: x, AB, \theta, a_{n}, f(x), f^{-1}(3),
// f'(x), P(A), (p,q), |z|, \angle ABC, m\angle A, \overline{AB}, a label in words ("Area", "the total").
const LABEL = new RegExp(
  String.raw`^(?:m?\\angle ?[A-Z]+|\\overline\{[A-Z]+\}|\|${NAME}\||${NAME}(?:\([^=]*\))?|\((?:${NAME},)+${NAME}\)|[A-Za-z]+(?: [A-Za-z]+)+)$`,
);
const RELATION = /=|\\approx(?![A-Za-z])|\\in(?![A-Za-z])/;

/** The value a normalised answer states, and other texts it may stand for (tried only to find equality). */
export interface StatedValue {
  text: string;
  alternatives: string[];
}

/**
 * What an answer written as a statement states:
 * - `label = value` (the left side names the answer, see LABEL) and `x \in S`: the value; for
 *   `=` the whole equation is an alternative, so `y = 2x+1` also compares as the line 2x - y + 1 = 0;
 * - a chain `x = 5+5+1 = 11`, `V = \frac43\pi r^3 = 36\pi`: its last side;
 * - an equation without variables (`2^{10} = 1024`): a computation, its last side;
 * - `exact \approx decimal`: the decimal, with the exact sides as alternatives;
 * - values of one variable, `x = 1, x = 2`, `x_{1} = 2, x_{2} = 3` or `x = 1, 2`: the list of
 *   values; any other list is kept whole, its items read one by one (parse-answer.ts);
 * - any other `lhs = rhs` (`x^2+y^2=1`, `2x+4y-3=0`): an equation, kept whole.
 */
export function statedValue(s: string): StatedValue {
  const items = splitTopLevel(s, /,/);
  if (items.length > 1) return { text: valuesOfOneVariable(items) ?? labelledList(items) ?? s, alternatives: [] };
  const relations = topLevel(s, RELATION).map((r) => r.match);
  const sides = splitTopLevel(s, RELATION).map((side) => side.trim());
  if (sides[0] === '' && sides.length > 1) {
    sides.shift();
    relations.shift();
  }
  const last = sides[sides.length - 1];
  if (sides.length === 1) return { text: last, alternatives: [] };
  if (relations.some((r) => r !== '=' && r !== '\\in')) {
    return { text: last, alternatives: sides.slice(0, -1).filter((side) => !LABEL.test(side)) };
  }
  if (sides.length > 2) return { text: last, alternatives: [] };
  if (LABEL.test(sides[0])) return { text: last, alternatives: relations[0] === '=' ? [s] : [] };
  return hasVariable(s) ? { text: s, alternatives: [] } : { text: last, alternatives: [] };
}

/** `x=1,x=2`, `x_{1}=2,x_{2}=3`: the values, when every item assigns the same variable (up to its subscript). */
function valuesOfOneVariable(items: string[]): string | null {
  const values: string[] = [];
  let variable: string | undefined;
  for (const item of items) {
    const m = /^([A-Za-z]|\\[A-Za-z]+)(?:_\{[A-Za-z0-9]+\})?=([^=]+)$/.exec(item.trim());
    if (!m || (variable !== undefined && m[1] !== variable)) return null;
    variable = m[1];
    values.push(m[2].trim());
  }
  return values.join(',');
}

/** `x=1,2`: a label before the first of several values names them all. */
function labelledList(items: string[]): string | null {
  const [label, ...first] = items[0].split('=');
  if (first.length !== 1 || !LABEL.test(label.trim()) || items.slice(1).some((item) => item.includes('='))) return null;
  return [first[0], ...items.slice(1)].join(',');
}

function hasVariable(s: string): boolean {
  return /[A-Za-z]/.test(s.replace(/\\[A-Za-z]+/g, ''));
}
