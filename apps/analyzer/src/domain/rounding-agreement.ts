import type { BigNumber } from 'mathjs';
import type { Comparison, DecimalDigits } from './answer';
import { bigMath, withBudget } from './big-math';
import { WorkBudget } from './work-budget';

/** One way to read a scalar: its expression, and its digits when it is a decimal literal. */
export interface Reading {
  expr: string;
  decimal?: DecimalDigits;
}

// decimal.js rounding modes (mathjs BigNumbers are decimal.js numbers).
const ROUND_DOWN = 1 as const; // toward zero: truncation
const ROUND_HALF_UP = 4 as const; // to nearest, ties away from zero
/** Fewer significant digits than this say too little for a decimal to stand for an exact value. */
const MIN_DIGITS = 4;
const UNKNOWN: Comparison = { result: 'unknown', method: 'numeric' };

/**
 * A second look at two scalars whose values differ, in case one is a rounded decimal. A decimal
 * literal with k places stands for itself or for any value that rounds (to nearest) or truncates to
 * it at k places; for d significant digits that is a relative tolerance of about 10^(1-d).
 * - Against a value that is not a decimal literal (a fraction, a radical, π): equal when the
 *   decimal has at least 4 significant digits (`0.08333` for 1/12, `2.6667` for 8/3, `1.414` for
 *   √2), undecided with fewer (`0.333` for 1/3, `3.14` for π, which 22/7 also rounds to: the judge
 *   may decide).
 * - Two decimals where the shorter is the longer rounded or truncated (`1.5`, `1.53`): undecided,
 *   either may be the exact one.
 * Null when rounding explains nothing: the difference stands.
 */
export function roundingAgreement(x: Reading, y: Reading, budget = new WorkBudget()): Comparison | null {
  if (x.decimal && y.decimal) {
    if (x.decimal.places === y.decimal.places) return null;
    const [short, long] = x.decimal.places < y.decimal.places ? [x, y] : [y, x];
    return roundsTo(valueOf(long.expr, budget), short, budget) ? UNKNOWN : null;
  }
  const decimal = x.decimal ? x : y.decimal ? y : undefined;
  if (!decimal?.decimal) return null;
  if (!roundsTo(valueOf(decimal === x ? y.expr : x.expr, budget), decimal, budget)) return null;
  return decimal.decimal.digits >= MIN_DIGITS ? { result: 'equal', method: 'numeric' } : UNKNOWN;
}

function roundsTo(v: BigNumber | null, decimal: Reading, budget: WorkBudget): boolean {
  const d = valueOf(decimal.expr, budget);
  const places = decimal.decimal?.places ?? 0;
  return v !== null && d !== null && (v.toDecimalPlaces(places, ROUND_HALF_UP).equals(d) || v.toDecimalPlaces(places, ROUND_DOWN).equals(d));
}

/** The 64-digit value of a constant expression; null for anything else (variables, complex values). */
function valueOf(expr: string, budget: WorkBudget): BigNumber | null {
  try {
    const v: unknown = bigMath.evaluate(expr, withBudget({}, budget));
    return bigMath.isBigNumber(v) && v.isFinite() ? v : null;
  } catch {
    return null;
  }
}
