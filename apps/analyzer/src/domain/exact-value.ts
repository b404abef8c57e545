import type { Fraction, MathNode } from 'mathjs';
import { bigMath } from './big-math';
import { BIG_OPERATORS } from './big-operators';
import { WorkBudget } from './work-budget';

/** The expression has no value at this point (a division by zero). */
export const UNDEFINED_AT_POINT = Symbol('undefined at point');

// Bounds that keep exact arithmetic fast: beyond them the numeric method decides.
const MAX_EXPONENT = 1024;
const MAX_BITS = 1 << 16;
const MAX_DECIMAL_EXPONENT = 400;
const MAX_FACTORIAL = 300;

/**
 * The exact rational value of a mathjs expression tree at a rational point (`scope` maps variable
 * names to fractions), using the fraction arithmetic mathjs ships. Null when the value is not
 * reachable with rational arithmetic (π, √2, functions other than abs, floor, ceil, n!, and sums
 * and products over an integer range) or would be too large to be worth computing exactly.
 */
export function exactValue(node: MathNode, scope: Record<string, Fraction>, budget = new WorkBudget()): Fraction | null | typeof UNDEFINED_AT_POINT {
  try {
    return evaluate(node, scope, budget);
  } catch (error) {
    if ((error as Error).name === 'DivisionByZero' || /division by zero/i.test((error as Error).message)) return UNDEFINED_AT_POINT;
    throw error;
  }
}

function evaluate(node: MathNode, scope: Record<string, Fraction>, budget: WorkBudget): Fraction | null {
  switch (node.type) {
    case 'ParenthesisNode':
      return evaluate((node as unknown as { content: MathNode }).content, scope, budget);
    case 'ConstantNode':
      return constant((node as unknown as { value: unknown }).value);
    case 'SymbolNode':
      return scope[(node as unknown as { name: string }).name] ?? null;
    case 'OperatorNode':
      return operator(node as unknown as { fn: string; args: MathNode[] }, scope, budget);
    case 'FunctionNode':
      return call(node as unknown as { fn: { name: string }; args: MathNode[] }, scope, budget);
    default:
      return null;
  }
}

function constant(value: unknown): Fraction | null {
  if (!bigMath.isBigNumber(value) || !value.isFinite()) return null;
  if (Math.abs(value.e) > MAX_DECIMAL_EXPONENT) return null;
  return bigMath.fraction(value.toFixed());
}

function operator(node: { fn: string; args: MathNode[] }, scope: Record<string, Fraction>, budget: WorkBudget): Fraction | null {
  const args = node.args.map((a) => evaluate(a, scope, budget));
  if (args.some((a) => a === null)) return null;
  const [x, y] = args as Fraction[];
  switch (node.fn) {
    case 'add':
      return x.add(y);
    case 'subtract':
      return x.sub(y);
    case 'multiply':
      return x.mul(y);
    case 'divide':
      return x.div(y);
    case 'unaryMinus':
      return x.neg();
    case 'unaryPlus':
      return x;
    case 'pow':
      return power(x, y);
    case 'factorial':
      return factorial(x);
    default:
      return null;
  }
}

function power(base: Fraction, exponent: Fraction): Fraction | null {
  const bits = base.n.toString(2).length + base.d.toString(2).length;
  const magnitude = Number(exponent.abs().valueOf());
  if (magnitude > MAX_EXPONENT || bits * magnitude > MAX_BITS) return null;
  if (base.n === 0n && exponent.s < 0n) throw Object.assign(new Error('division by zero'), { name: 'DivisionByZero' });
  return base.pow(exponent);
}

function factorial(x: Fraction): Fraction | null {
  if (x.d !== 1n || x.s < 0n || x.n > BigInt(MAX_FACTORIAL)) return null;
  let product = 1n;
  for (let k = 2n; k <= x.n; k++) product *= k;
  return bigMath.fraction(product.toString());
}

function call(node: { fn: { name: string }; args: MathNode[] }, scope: Record<string, Fraction>, budget: WorkBudget): Fraction | null {
  if (node.fn.name === BIG_OPERATORS.sum || node.fn.name === BIG_OPERATORS.product) return overRange(node, scope, budget);
  if (node.args.length !== 1) return null;
  const x = evaluate(node.args[0], scope, budget);
  if (x === null) return null;
  switch (node.fn.name) {
    case 'abs':
      return x.abs();
    case 'floor':
      return x.floor();
    case 'ceil':
      return x.ceil();
    default:
      return null;
  }
}

/** Σ or Π of the body over index = lower … upper (integers); the empty range gives 0 or 1. */
function overRange(node: { fn: { name: string }; args: MathNode[] }, scope: Record<string, Fraction>, budget: WorkBudget): Fraction | null {
  const [index, lower, upper, body] = node.args;
  const from = evaluate(lower, scope, budget);
  const to = evaluate(upper, scope, budget);
  if (from === null || to === null || from.d !== 1n || to.d !== 1n || !budget.takeTerms(Number(to.sub(from).valueOf()) + 1)) return null;
  const sum = node.fn.name === BIG_OPERATORS.sum;
  const name = (index as unknown as { name: string }).name;
  let total = bigMath.fraction(sum ? 0 : 1);
  for (let k = from; k.compare(to) <= 0; k = k.add(1)) {
    const term = evaluate(body, { ...scope, [name]: k }, budget);
    if (term === null) return null;
    total = sum ? total.add(term) : total.mul(term);
  }
  return total;
}
