import type { BigNumber, Fraction, MathNode } from 'mathjs';
import type { Comparison, Scalar } from './answer';
import { bigMath, withBudget } from './big-math';
import { BIG_OPERATORS } from './big-operators';
import { exactValue, UNDEFINED_AT_POINT } from './exact-value';
import { VARIABLE_PREFIX } from './latex-to-mathjs';
import { roundingAgreement, type Reading } from './rounding-agreement';
import { WorkBudget } from './work-budget';

type Outcome = Comparison['result'];
type PointResult = { result: Outcome; exact: boolean };

const MAX_NODES = 400;
const MAX_VARIABLES = 6;
const MAX_FACTORIAL = 1000;
const MAX_EXPONENT = 100_000;
// Points where expressions in variables are compared: positive (inside the domain of √ and log),
// not integers and not simple fractions, so that two different expressions agreeing on all of them
// would be a coincidence of rational functions with roots at every one (Schwartz-Zippel).
const POINTS: [bigint, bigint][][] = [
  [[13n, 7n], [5n, 11n], [29n, 17n], [41n, 23n], [7n, 19n], [53n, 31n]],
  [[37n, 29n], [19n, 13n], [3n, 43n], [61n, 37n], [47n, 41n], [11n, 3n]],
  [[71n, 53n], [23n, 47n], [59n, 61n], [17n, 5n], [89n, 67n], [31n, 79n]],
  [[8n, 59n], [97n, 71n], [43n, 19n], [67n, 89n], [13n, 97n], [101n, 73n]],
];
// Variables that count things (a bound of Σ or Π, inside n! or a binomial) take distinct integer values.
const INTEGER_POINTS: [bigint, bigint][][] = [
  [3n, 5n, 4n, 6n, 7n, 2n],
  [5n, 2n, 6n, 3n, 4n, 7n],
  [7n, 4n, 3n, 5n, 2n, 6n],
  [6n, 7n, 5n, 2n, 3n, 4n],
  [9n, 3n, 7n, 4n, 5n, 8n],
].map((point) => point.map((n): [bigint, bigint] => [n, 1n]));
const COUNTING = new Set<string>([BIG_OPERATORS.sum, BIG_OPERATORS.product, 'combinations', 'factorial']);
// Integrals and limits are not evaluated: they are equal when their parts are.
const BY_PARTS = new Set<string>([BIG_OPERATORS.integral, BIG_OPERATORS.limit]);
const BINDING = new Set<string>(Object.values(BIG_OPERATORS));
const BOUND = `${VARIABLE_PREFIX}bound`;

/**
 * Compares two scalar expressions by value. Symbolic: exact rational arithmetic (constants, and
 * expressions in variables at fixed rational points); numeric: 64-digit evaluation when something
 * irrational is involved (π, radicals, logarithms, trigonometry), with double-precision bands when
 * mathjs falls back to doubles (complex values). A percent answer may stand for p or p/100, a
 * degree answer for d or d·π/180; the pair is equal when some reading of each agrees. A decimal
 * literal may be a rounded value (rounding-agreement.ts).
 */
export function compareScalars(a: Scalar, b: Scalar, budget = new WorkBudget()): Comparison {
  const outcomes: Comparison[] = [];
  for (const x of readings(a)) {
    for (const y of readings(b)) {
      let c = compareExpressions(x.expr, y.expr, budget);
      if (c.result === 'different') c = roundingAgreement(x, y, budget) ?? c;
      if (c.result === 'equal') return c;
      outcomes.push(c);
    }
  }
  if (outcomes.every((c) => c.result === 'different')) {
    return { result: 'different', method: outcomes.every((c) => c.method === 'symbolic') ? 'symbolic' : 'numeric' };
  }
  return { result: 'unknown', method: 'numeric' };
}

function readings(s: Scalar): Reading[] {
  const out: Reading[] = [{ expr: s.expr, decimal: s.decimal }];
  if (s.percent) out.push({ expr: `(${s.expr}) / 100`, decimal: s.decimal && { ...s.decimal, places: s.decimal.places + 2 } });
  if (s.degrees) out.push({ expr: `(${s.expr}) * pi / 180` });
  return out;
}

function compareExpressions(x: string, y: string, budget: WorkBudget): Comparison {
  const unknown: Comparison = { result: 'unknown', method: 'numeric' };
  let a: MathNode;
  let b: MathNode;
  try {
    a = bigMath.parse(x);
    b = bigMath.parse(y);
  } catch {
    return unknown;
  }
  const byParts = compareParts(a, b, budget);
  if (byParts) return byParts;
  const bound = new Set([...boundVariablesOf(a), ...boundVariablesOf(b)]);
  const variables = [...new Set([...variablesOf(a), ...variablesOf(b)])].filter((v) => !bound.has(v)).sort();
  if (variables.length > MAX_VARIABLES || size(a) + size(b) > MAX_NODES) return unknown;
  const counting = [a, b].some((node) => node.filter(isCounting).some((n) => variablesOf(n).some((v) => !bound.has(v))));
  const points = variables.length === 0 ? [[]] : counting ? INTEGER_POINTS : POINTS;
  const code = { a: lazyEvaluator(a), b: lazyEvaluator(b) };
  const results: PointResult[] = [];
  for (const point of points) {
    const exactScope = Object.fromEntries(variables.map((v, j) => [v, bigMath.fraction(`${point[j][0]}/${point[j][1]}`)]));
    const r = compareAt({ node: a, evaluate: code.a }, { node: b, evaluate: code.b }, exactScope, budget);
    if (r === null) continue;
    if (r.result === 'different') return { result: 'different', method: r.exact ? 'symbolic' : 'numeric' };
    results.push(r);
  }
  const enough = variables.length === 0 ? 1 : 2;
  if (results.filter((r) => r.result === 'equal').length >= enough && results.every((r) => r.result === 'equal')) {
    return { result: 'equal', method: results.every((r) => r.exact) ? 'symbolic' : 'numeric' };
  }
  return unknown;
}

/**
 * Two integrals or two limits: equal when the bounds (or the point) are equal and so are the bodies
 * once the bound variables share one name; unknown otherwise (different bodies may integrate alike).
 * Null when the pair is not two of them.
 */
function compareParts(a: MathNode, b: MathNode, budget: WorkBudget): Comparison | null {
  const [x, y] = [a, b].map(unwrapParentheses) as { fn?: { name?: string }; args?: MathNode[] }[];
  const name = x.fn?.name;
  if (name === undefined || !BY_PARTS.has(name) || y.fn?.name !== name || !x.args || !y.args) return null;
  const [ix, ...px] = x.args;
  const [iy, ...py] = y.args;
  const rename = (node: MathNode, from: MathNode) =>
    node.transform((n) => (n.type === 'SymbolNode' && nameOf(n) === nameOf(from) ? new bigMath.SymbolNode(BOUND) : n));
  const parts = px.map((p, i) => (i === px.length - 1 ? [rename(p, ix), rename(py[i], iy)] : [p, py[i]]));
  const results = parts.map(([p, q]) => compareExpressions(p.toString(), q.toString(), budget));
  if (!results.every((r) => r.result === 'equal')) return { result: 'unknown', method: 'numeric' };
  return { result: 'equal', method: results.every((r) => r.method === 'symbolic') ? 'symbolic' : 'numeric' };
}

/** One point: exact when both sides are rational there, else numeric; null when a side is undefined there. */
function compareAt(a: Side, b: Side, scope: Record<string, Fraction>, budget: WorkBudget): PointResult | null {
  const ea = exactValue(a.node, scope, budget);
  const eb = exactValue(b.node, scope, budget);
  if (ea === UNDEFINED_AT_POINT || eb === UNDEFINED_AT_POINT) return null;
  if (ea !== null && eb !== null) return { result: ea.equals(eb) ? 'equal' : 'different', exact: true };
  const bigScope = Object.fromEntries(Object.entries(scope).map(([k, f]) => [k, bigMath.divide(bigMath.bignumber(f.n.toString()), bigMath.bignumber(f.d.toString()))]));
  const va = numericValue(a, withBudget(bigScope, budget));
  const vb = numericValue(b, withBudget(bigScope, budget));
  if (va === undefined || vb === undefined) return null;
  return { result: closeness(va, vb), exact: false };
}

type Value = { re: BigNumber; im: BigNumber; precise: boolean };
type Tolerance = { equal: { relative: string; absolute: string }; different: { relative: string; absolute: string } };

// 64-digit arithmetic rounds near 1e-64 relative; a gap below 1e-50 is rounding, above 1e-40 is real,
// between is left unknown (1e20 + 5e-21 against 1e20 must not be "equal"). Magnitudes below 1e-55
// count as zero, so that sin(π) equals 0. Doubles (complex values) get the same bands near 1e-16.
const PRECISE: Tolerance = { equal: { relative: '1e-50', absolute: '1e-55' }, different: { relative: '1e-40', absolute: '1e-45' } };
const DOUBLE: Tolerance = { equal: { relative: '1e-14', absolute: '1e-15' }, different: { relative: '1e-9', absolute: '1e-12' } };
type Evaluate = (scope: Record<string, unknown>) => unknown;
type Side = { node: MathNode; evaluate: Evaluate };

/** Compiles on first use: most pairs are settled exactly and never need it. */
function lazyEvaluator(node: MathNode): Evaluate {
  let compiled: { evaluate: Evaluate } | undefined;
  return (scope) => (compiled ??= node.compile()).evaluate(scope);
}

function numericValue(side: Side, scope: Record<string, unknown>): Value | undefined {
  if (!tame(side.node, scope)) return undefined;
  let v: unknown;
  try {
    v = side.evaluate(scope);
  } catch {
    return undefined;
  }
  const big = (n: number) => bigMath.bignumber(n);
  if (bigMath.isBigNumber(v)) return { re: v, im: big(0), precise: true };
  if (typeof v === 'number') return { re: big(v), im: big(0), precise: false };
  if (bigMath.isComplex(v)) return { re: big(v.re), im: big(v.im), precise: false };
  if (bigMath.isFraction(v)) return { re: bigMath.bignumber(v), im: big(0), precise: true };
  return undefined;
}

/** Equal within the precision of the arithmetic used, clearly different beyond it, else unknown. */
function closeness(x: Value, y: Value): Outcome {
  if ([x.re, x.im, y.re, y.im].some((n) => n.isNaN())) return 'unknown';
  if ([x.re, x.im, y.re, y.im].some((n) => !n.isFinite())) {
    return x.re.equals(y.re) && x.im.equals(y.im) ? 'equal' : 'different';
  }
  const modulus = (re: BigNumber, im: BigNumber) => re.mul(re).add(im.mul(im)).sqrt();
  const d = modulus(x.re.sub(y.re), x.im.sub(y.im));
  const scale = maxOf(modulus(x.re, x.im), modulus(y.re, y.im));
  const t = x.precise && y.precise ? PRECISE : DOUBLE;
  if (d.lte(maxOf(scale.mul(t.equal.relative), bigMath.bignumber(t.equal.absolute)))) return 'equal';
  if (d.gt(maxOf(scale.mul(t.different.relative), bigMath.bignumber(t.different.absolute)))) return 'different';
  return 'unknown';
}

function maxOf(a: BigNumber, b: BigNumber): BigNumber {
  return a.gt(b) ? a : b;
}

/**
 * False when evaluating would take unbounded time or leave the range where 64 digits mean anything:
 * a factorial or binomial of a huge number, a power with an exponent beyond ±100000. The body of
 * a sum or product depends on its index, which only evaluation sets: its bounds are checked, and
 * MAX_TERMS bounds the rest.
 */
function tame(node: MathNode, scope: Record<string, unknown>): boolean {
  const name = operatorName(node);
  const args = (node as unknown as { args?: MathNode[] }).args ?? [];
  if (name !== undefined && BINDING.has(name)) return args.slice(1, -1).every((arg) => tame(arg, scope));
  // Arguments first: a bound is only evaluated once what it contains is known to be tame.
  let ok = true;
  node.forEach((child) => {
    ok &&= tame(child, scope);
  });
  const limit = name === 'factorial' || name === 'combinations' ? MAX_FACTORIAL : name === 'pow' ? MAX_EXPONENT : undefined;
  return ok && (limit === undefined || (name === 'pow' ? args.slice(1) : args).every((arg) => withinLimit(arg, scope, limit)));
}

function operatorName(node: MathNode): string | undefined {
  const op = node as unknown as { type: string; fn?: unknown };
  return op.type === 'FunctionNode' ? (op.fn as { name?: string }).name : typeof op.fn === 'string' ? op.fn : undefined;
}

function isCounting(node: MathNode): boolean {
  const name = operatorName(node);
  return name !== undefined && COUNTING.has(name);
}

/** The index variables of the big operators in `node`: not free, never given a point. */
function boundVariablesOf(node: MathNode): string[] {
  return node.filter((n) => BINDING.has(operatorName(n) ?? '')).map((n) => nameOf((n as unknown as { args: MathNode[] }).args[0]));
}

function unwrapParentheses(node: MathNode): MathNode {
  return node.type === 'ParenthesisNode' ? unwrapParentheses((node as unknown as { content: MathNode }).content) : node;
}

function nameOf(node: MathNode): string {
  return (node as unknown as { name: string }).name;
}

function withinLimit(node: MathNode, scope: Record<string, unknown>, limit: number): boolean {
  try {
    const v: unknown = node.evaluate(scope);
    if (bigMath.isBigNumber(v)) return v.abs().lte(limit);
    if (typeof v === 'number' || bigMath.isComplex(v)) return Number(bigMath.abs(v)) <= limit;
    return false;
  } catch {
    return false;
  }
}

function variablesOf(node: MathNode): string[] {
  return node.filter((n) => n.type === 'SymbolNode' && nameOf(n).startsWith(VARIABLE_PREFIX)).map(nameOf);
}

function size(node: MathNode): number {
  return node.filter(() => true).length;
}
