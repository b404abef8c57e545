import type { Fraction } from 'mathjs';
import type { Answer, Scalar } from './answer';
import { latexToMathjs, VARIABLE_PREFIX } from './latex-to-mathjs';
import { solveLinear } from './solve-linear';
import { splitTopLevel, topLevel } from './top-level';

/** A relation sign between two sides of an answer. */
export const RELATION = /=|<|>|\\le(?![A-Za-z])|\\ge(?![A-Za-z])|\\ne(?![A-Za-z])/;

type Signs = Pick<Scalar, 'percent' | 'degrees'>;
type Bound = { value: Scalar; closed: boolean };
type Interval = Extract<Answer, { kind: 'tuple' }>;

// A side naming a quantity whose range a double inequality states: f(x), g_{1}(t), \sin x.
const RANGE_SUBJECT = /^(?:[A-Za-z](?:_\{\w+\})?\([^()]*\)|\\[A-Za-z]+ ?[A-Za-z])$/;
const VARIABLE = new RegExp(`^${VARIABLE_PREFIX}[A-Za-z]+(?:_[A-Za-z0-9]+)?$`);
const ABSOLUTE = new RegExp(`^abs\\((${VARIABLE_PREFIX}[A-Za-z]+(?:_[A-Za-z0-9]+)?)\\)$`);
const NO_SIGNS: Signs = { percent: false, degrees: false };
const INFINITE = { below: { value: { expr: '-Infinity', ...NO_SIGNS }, closed: false }, above: { value: { expr: 'Infinity', ...NO_SIGNS }, closed: false } };

const less = (op: string) => op === '<' || op === '\\le';
const strict = (op: string) => op === '<' || op === '>';
const isVariable = (x: Scalar) => VARIABLE.test(x.expr);
const isConstant = (x: Scalar) => !x.expr.includes(VARIABLE_PREFIX);
const exact = (f: Fraction): Scalar => ({ expr: `(${f.toFraction()})`, ...NO_SIGNS });

/**
 * Reads a relation of a normalised answer: `lhs = rhs` is an equation; an inequality in one
 * variable is the set of its solutions, as an interval (or a union of two, for `x \ne c` and
 * `|x| > c`), in any orientation and with linear sides: `-x > -1`, `2x + 1 > 7`, `-1 < 2x+1 < 5`
 * all read as intervals of x. `a < f(x) < b` states the range (a, b) of the quantity it bounds.
 * Null for anything else (`x^2 < 4`, mixed directions, two relations with `=`).
 */
export function parseRelation(s: string, signs: Signs): Answer | null {
  const ops = topLevel(s, RELATION).map((r) => r.match);
  const rawSides = splitTopLevel(s, RELATION).map((side) => side.trim());
  const sides = rawSides.map((side) => {
    const expr = latexToMathjs(side);
    return expr === null ? null : { expr, ...signs };
  });
  if (sides.some((x) => x === null)) return null;
  const [first, second, third] = sides as Scalar[];
  if (ops.length === 1 && ops[0] === '=') return { kind: 'equation', lhs: first, rhs: second };
  if (ops.includes('=')) return null;
  if (ops.length === 1) return oneSided(first, ops[0], second);
  if (ops.length !== 2 || ops.includes('\\ne') || less(ops[0]) !== less(ops[1]) || !isConstant(first) || !isConstant(third)) return null;
  const [low, lowOp, high, highOp] = less(ops[0]) ? [first, ops[0], third, ops[1]] : [third, ops[1], first, ops[0]];
  return between({ value: low, closed: !strict(lowOp) }, second, { value: high, closed: !strict(highOp) }, rawSides[1]);
}

function oneSided(lhs: Scalar, op: string, rhs: Scalar): Answer | null {
  if (isConstant(lhs) && !isConstant(rhs)) return oneSided(rhs, mirror(op), lhs);
  if (!isConstant(rhs)) return linearOneSided(lhs, op, rhs);
  const bound = { value: rhs, closed: !strict(op) };
  const absolute = ABSOLUTE.exec(lhs.expr);
  if (absolute) {
    const negated = { value: { expr: `(-(${rhs.expr}))`, ...NO_SIGNS }, closed: bound.closed };
    if (op === '\\ne') return null;
    return less(op) ? interval(negated, bound) : outside(negated, bound);
  }
  if (!isVariable(lhs)) return linearOneSided(lhs, op, rhs);
  if (op === '\\ne') return outside({ value: rhs, closed: false }, { value: rhs, closed: false });
  return less(op) ? interval(INFINITE.below, bound) : interval(bound, INFINITE.above);
}

/** `lhs op rhs` with lhs − rhs = slope·(x − root): x op root, the sign flipped when the slope is negative. */
function linearOneSided(lhs: Scalar, op: string, rhs: Scalar): Answer | null {
  const line = solveLinear(`(${lhs.expr}) - (${rhs.expr})`);
  if (!line) return null;
  const bound = { value: exact(line.root), closed: !strict(op) };
  if (op === '\\ne') return outside({ ...bound, closed: false }, { ...bound, closed: false });
  return less(op) === line.slope.s > 0n ? interval(INFINITE.below, bound) : interval(bound, INFINITE.above);
}

/** low < middle < high: an interval of the variable when middle is linear in it, else the range of a named quantity. */
function between(low: Bound, middle: Scalar, high: Bound, rawMiddle: string): Answer | null {
  if (isVariable(middle)) return interval(low, high);
  const line = solveLinear(middle.expr);
  if (line) {
    // middle = slope·(x − root), so x = root + middle / slope; a negative slope swaps the ends.
    const solve = (b: Bound): Bound => ({ value: { expr: `((${line.root.toFraction()}) + (${b.value.expr}) / (${line.slope.toFraction()}))`, ...NO_SIGNS }, closed: b.closed });
    return line.slope.s > 0n ? interval(solve(low), solve(high)) : interval(solve(high), solve(low));
  }
  return RANGE_SUBJECT.test(rawMiddle) ? interval(low, high) : null;
}

function interval(low: Bound, high: Bound): Interval {
  return {
    kind: 'tuple',
    open: low.closed ? '[' : '(',
    close: high.closed ? ']' : ')',
    items: [{ kind: 'scalar', scalar: low.value }, { kind: 'scalar', scalar: high.value }],
  };
}

/** Everything up to `low` and from `high` on. */
function outside(low: Bound, high: Bound): Answer {
  return { kind: 'union', items: [interval(INFINITE.below, low), interval(high, INFINITE.above)] };
}

function mirror(op: string): string {
  return { '<': '>', '>': '<', '\\le': '\\ge', '\\ge': '\\le' }[op] ?? op;
}
