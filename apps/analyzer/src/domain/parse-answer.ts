import type { Answer, Scalar } from './answer';
import { latexToMathjs } from './latex-to-mathjs';
import type { NormalizedAnswer } from './normalize-answer';
import { parseRelation, RELATION } from './parse-relation';
import { splitTopLevel, topLevel } from './top-level';

/** Bounds that keep one comparison cheap whatever a model writes. */
const MAX_LENGTH = 2000;
const MAX_ITEMS = 64;
const MAX_DEPTH = 4;

const MATRIX = /^\\begin\{((?:[pbBvV]|small)?matrix|array)\}(?:\{[^{}]*\})?([\s\S]*)\\end\{\1\}$/;
// A run of four letters, or a short English word, that is not a command name: prose, not algebra.
const WORDS = /(?<![\\A-Za-z])(?:[A-Za-z]{4,}|(?:no|yes|odd|all|one|two|six|ten|and|or|not|nor|none|true|false|of|is|the|to)(?![A-Za-z]))/i;
// ± anywhere, inside a fraction too: `\frac{-1 \pm \sqrt5}{2}` is two values.
const PLUS_MINUS = /\\(?:pm|mp)(?![A-Za-z])/;
// {x | x > 2}, \{x : x \le 0\}: the set of solutions of a condition on one variable.
const SET_BUILDER = /^\\\{[A-Za-z](?:\||:)(.+)\\\}$/;
const DECIMAL = /^-?\d*\.(\d+)$/;

type Signs = Pick<Scalar, 'percent' | 'degrees'>;

/**
 * Reads the structure of a normalised text: matrices, set-builder conditions, ± pairs, unions,
 * sets (`\{1, 2\}`, and bare `{1, 2}` as models write them), tuples and intervals, bare comma lists
 * (unordered, like MATH's "enter all solutions"; a list of inequalities is their union),
 * relations (parse-relation.ts), scalars; anything else is text.
 */
export function parseAnswer(normalized: Pick<NormalizedAnswer, 'text' | 'percent' | 'degrees'>): Answer {
  const { text, percent, degrees } = normalized;
  if (text.length > MAX_LENGTH) return { kind: 'text', text };
  return parse(text, { percent, degrees }, 0);
}

function parse(s: string, signs: Signs, depth: number): Answer {
  const text: Answer = { kind: 'text', text: s };
  if (s === '' || depth > MAX_DEPTH) return text;
  const matrix = MATRIX.exec(s);
  if (matrix) return parseMatrix(matrix[2], signs, depth) ?? text;
  const setBuilder = SET_BUILDER.exec(s);
  if (setBuilder) return parse(setBuilder[1], signs, depth + 1);
  if (WORDS.test(s)) return text;
  const items = (parts: string[]): Answer[] | null => {
    if (parts.length > MAX_ITEMS) return null;
    const parsed = parts.map((p) => parse(p.trim(), signs, depth + 1));
    if (parsed.some((p) => p.kind === 'text')) return null;
    // The two values of an item with ± are two members of the list.
    return parsed.flatMap((p, i) => (p.kind === 'set' && PLUS_MINUS.test(parts[i]) ? p.items : [p]));
  };

  const union = splitTopLevel(s, /\\cup(?![A-Za-z])/);
  if (union.length > 1) {
    const parts = items(union);
    return parts ? { kind: 'union', items: parts } : text;
  }
  if (s === '\\emptyset' || s === '\\{\\}') return { kind: 'set', items: [] };
  if (s.startsWith('\\{') && closingOf(s, 0) === s.length - 2) {
    const parts = items(splitTopLevel(s.slice(2, -2), /,/));
    return parts ? { kind: 'set', items: parts } : text;
  }
  if (s[0] === '{' && closingOf(s, 0) === s.length - 1) {
    const inner = splitTopLevel(s.slice(1, -1), /,/);
    if (inner.length === 1) return parse(inner[0], signs, depth + 1);
    const parts = items(inner);
    return parts ? { kind: 'set', items: parts } : text;
  }
  if ((s[0] === '(' || s[0] === '[') && closingOf(s, 0) === s.length - 1) {
    const inner = splitTopLevel(s.slice(1, -1), /,/);
    if (inner.length > 1) {
      const parts = items(inner);
      return parts ? { kind: 'tuple', open: s[0], close: s[s.length - 1] as ')' | ']', items: parts } : text;
    }
  }
  const list = splitTopLevel(s, /,/);
  if (list.length > 1) {
    const parts = items(list);
    if (!parts) return text;
    const solutionSets = list.every((item) => topLevel(item, RELATION).length > 0) && parts.every((p) => p.kind === 'tuple' || p.kind === 'union');
    return solutionSets ? { kind: 'union', items: parts.flatMap((p) => (p.kind === 'union' ? p.items : [p])) } : { kind: 'set', items: parts };
  }
  // After lists, sets and tuples, whose items expand their own ±.
  const pm = PLUS_MINUS.exec(s);
  if (pm) {
    const { index, 0: match } = pm;
    const [first, second] = match === '\\pm' ? ['+', '-'] : ['-', '+'];
    const both = items([s.slice(0, index) + first + s.slice(index + match.length), s.slice(0, index) + second + s.slice(index + match.length)]);
    return both ? { kind: 'set', items: both.flatMap((a) => (a.kind === 'set' ? a.items : [a])) } : text;
  }
  if (topLevel(s, RELATION).length > 0) return parseRelation(s, signs) ?? text;
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

/** A scalar; a plain decimal literal also records its digits, which say how it may have been rounded. */
function toScalar(s: string, signs: Signs): Scalar | null {
  const expr = latexToMathjs(s);
  if (expr === null) return null;
  const decimal = DECIMAL.exec(s);
  if (!decimal) return { expr, ...signs };
  const digits = s.replace(/[-.]/g, '').replace(/^0+/, '').length;
  return { expr, ...signs, decimal: { places: decimal[1].length, digits } };
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
