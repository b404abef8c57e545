import type { Answer, Scalar } from './answer';
import { latexToMathjs, VARIABLE_PREFIX } from './latex-to-mathjs';
import type { NormalizedAnswer } from './normalize-answer';

/** Bounds that keep one comparison cheap whatever a model writes. */
const MAX_LENGTH = 2000;
const MAX_ITEMS = 64;
const MAX_DEPTH = 4;

const MATRIX = /^\\begin\{((?:[pbBvV]|small)?matrix|array)\}(?:\{[^{}]*\})?([\s\S]*)\\end\{\1\}$/;
// A run of four letters, or a short English word, that is not a command name: prose, not algebra.
const WORDS = /(?<![\\A-Za-z])(?:[A-Za-z]{4,}|(?:no|yes|odd|all|one|two|six|ten|and|or|not|nor|none|true|false|of|is|the|to)(?![A-Za-z]))/i;
const RELATION = /^(?:=|<|>|\\le(?![A-Za-z])|\\ge(?![A-Za-z])|\\ne(?![A-Za-z]))/;

/**
 * Reads the structure of a normalised answer: matrices, ± pairs, unions, sets, tuples and intervals,
 * bare comma lists (unordered, like MATH's "enter all solutions"), inequalities in one variable (as
 * intervals), equations, scalars; anything else is text.
 */
export function parseAnswer(normalized: NormalizedAnswer): Answer {
  const { text, percent, degrees } = normalized;
  if (text.length > MAX_LENGTH) return { kind: 'text', text };
  return parse(text, { percent, degrees }, 0);
}

type Signs = Pick<Scalar, 'percent' | 'degrees'>;

function parse(s: string, signs: Signs, depth: number): Answer {
  const text: Answer = { kind: 'text', text: s };
  if (s === '' || depth > MAX_DEPTH) return text;
  const matrix = MATRIX.exec(s);
  if (matrix) return parseMatrix(matrix[2], signs, depth) ?? text;
  if (WORDS.test(s)) return text;
  const items = (parts: string[]): Answer[] | null => {
    if (parts.length > MAX_ITEMS) return null;
    const parsed = parts.map((p) => parse(p.trim(), signs, depth + 1));
    return parsed.some((p) => p.kind === 'text') ? null : parsed;
  };

  const pm = topLevel(s, /^\\(?:pm|mp)(?![A-Za-z])/);
  if (pm.length > 0) {
    const { index, match } = pm[0];
    const [first, second] = match === '\\pm' ? ['+', '-'] : ['-', '+'];
    const both = items([s.slice(0, index) + first + s.slice(index + match.length), s.slice(0, index) + second + s.slice(index + match.length)]);
    return both ? { kind: 'set', items: both.flatMap((a) => (a.kind === 'set' ? a.items : [a])) } : text;
  }
  const union = splitAt(s, /^\\cup(?![A-Za-z])/);
  if (union.length > 1) {
    const parts = items(union);
    return parts ? { kind: 'union', items: parts } : text;
  }
  if (s === '\\emptyset' || s === '\\{\\}') return { kind: 'set', items: [] };
  if (s.startsWith('\\{') && closingOf(s, 0) === s.length - 2) {
    const parts = items(splitAt(s.slice(2, -2), /^,/));
    return parts ? { kind: 'set', items: parts } : text;
  }
  if ((s[0] === '(' || s[0] === '[') && closingOf(s, 0) === s.length - 1) {
    const inner = splitAt(s.slice(1, -1), /^,/);
    if (inner.length > 1) {
      const parts = items(inner);
      return parts ? { kind: 'tuple', open: s[0], close: s[s.length - 1] as ')' | ']', items: parts } : text;
    }
  }
  const list = splitAt(s, /^,/);
  if (list.length > 1) {
    const parts = items(list);
    return parts ? { kind: 'set', items: parts } : text;
  }
  const relations = topLevel(s, RELATION);
  if (relations.length > 0) return parseRelation(s, relations, signs) ?? text;
  const scalar = toScalar(s, signs);
  return scalar ? { kind: 'scalar', scalar } : text;
}

function parseMatrix(body: string, signs: Signs, depth: number): Answer | null {
  const rows = body
    .split(/\\\\/)
    .map((r) => r.trim())
    .filter((r) => r !== '')
    .map((r) => r.split('&').map((cell) => parse(cell.trim(), signs, depth + 1)));
  if (rows.length === 0 || rows.length > MAX_ITEMS || rows.some((r) => r.length !== rows[0].length)) return null;
  if (rows.some((r) => r.some((cell) => cell.kind !== 'scalar'))) return null;
  return { kind: 'matrix', rows };
}

/**
 * `lhs = rhs` is an equation; `x < 3`, `x \ge 3`, `3 < x \le 5` (one variable) are intervals, so
 * they compare with interval notation.
 */
function parseRelation(s: string, relations: { index: number; match: string }[], signs: Signs): Answer | null {
  const sides: string[] = [];
  let from = 0;
  for (const r of relations) {
    sides.push(s.slice(from, r.index));
    from = r.index + r.match.length;
  }
  sides.push(s.slice(from));
  const ops = relations.map((r) => r.match);
  const scalars = sides.map((side) => toScalar(side.trim(), signs));
  if (scalars.some((x) => x === null)) return null;
  const [first, second, third] = scalars as Scalar[];
  if (ops.length === 1 && ops[0] === '=') return { kind: 'equation', lhs: first, rhs: second };
  if (ops.includes('=') || ops.includes('\\ne')) return null;
  const isVariable = (x: Scalar) => new RegExp(`^${VARIABLE_PREFIX}[A-Za-z]+(?:_[A-Za-z0-9]+)?$`).test(x.expr);
  const strict = (op: string) => op === '<' || op === '>';
  const less = (op: string) => op === '<' || op === '\\le';
  const bound = (x: Scalar, closed: boolean, below: boolean): [Answer, string] => [
    { kind: 'scalar', scalar: x },
    below ? (closed ? '[' : '(') : closed ? ']' : ')',
  ];
  const infinite = (sign: '' | '-'): Answer => ({ kind: 'scalar', scalar: { expr: `${sign}Infinity`, percent: false, degrees: false } });
  let lower: [Answer, string] = [infinite('-'), '('];
  let upper: [Answer, string] = [infinite(''), ')'];
  if (ops.length === 1 && isVariable(first) && !isVariable(second)) {
    if (less(ops[0])) upper = bound(second, !strict(ops[0]), false);
    else lower = bound(second, !strict(ops[0]), true);
  } else if (ops.length === 1 && isVariable(second) && !isVariable(first)) {
    if (less(ops[0])) lower = bound(first, !strict(ops[0]), true);
    else upper = bound(first, !strict(ops[0]), false);
  } else if (ops.length === 2 && isVariable(second) && less(ops[0]) === less(ops[1])) {
    const [lo, hi, loOp, hiOp] = less(ops[0]) ? [first, third, ops[0], ops[1]] : [third, first, ops[1], ops[0]];
    lower = bound(lo, !strict(loOp), true);
    upper = bound(hi, !strict(hiOp), false);
  } else {
    return null;
  }
  return { kind: 'tuple', open: lower[1] as '(' | '[', close: upper[1] as ')' | ']', items: [lower[0], upper[0]] };
}

function toScalar(s: string, signs: Signs): Scalar | null {
  const expr = latexToMathjs(s);
  return expr === null ? null : { expr, ...signs };
}

/** Where `pattern` matches outside every bracket of `s`. */
function topLevel(s: string, pattern: RegExp): { index: number; match: string }[] {
  const found: { index: number; match: string }[] = [];
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (depth === 0) {
      const m = pattern.exec(s.slice(i));
      if (m) {
        found.push({ index: i, match: m[0] });
        i += m[0].length - 1;
        continue;
      }
    }
    if (c === '\\') {
      if (s[i + 1] === '{') depth++;
      else if (s[i + 1] === '}') depth--;
      i++;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return found;
}

function splitAt(s: string, pattern: RegExp): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const { index, match } of topLevel(s, pattern)) {
    parts.push(s.slice(from, index));
    from = index + match.length;
  }
  parts.push(s.slice(from));
  return parts;
}

/** Index of the bracket closing the one opening at `start` (any bracket kind: intervals mix them). */
function closingOf(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      if (s[i + 1] === '{') depth++;
      else if (s[i + 1] === '}' && --depth === 0) return i;
      i++;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && --depth === 0) return i;
  }
  return -1;
}
