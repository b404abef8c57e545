import type { Fraction } from 'mathjs';
import type { Answer, Comparison, Scalar } from './answer';
import { bigMath } from './big-math';
import { compareScalars } from './compare-scalars';
import { exactValue } from './exact-value';
import { VARIABLE_PREFIX } from './latex-to-mathjs';
import { WorkBudget } from './work-budget';

type Equation = Extract<Answer, { kind: 'equation' }>;

const UNKNOWN: Comparison = { result: 'unknown', method: 'numeric' };
// Points where a scale factor is read off; not among compare-scalars' POINTS, so that the scaled
// comparison is still checked at points it was not built from.
const PROBES = ['7/5', '-11/13', '17/4'];

/**
 * Two equations are equal when they have the same solutions because one is the other moved around
 * and scaled: lhs − rhs of one is a nonzero constant times lhs − rhs of the other
 * (`2x+4y-3=0` and `y=-\frac12x+\frac34`, `x^2/4+y^2/3=1` and `x^2/16+y^2/12=1/4`). The constant is
 * read off exactly at a probe point, then f·g(p) = g·f(p) is checked as a scalar identity.
 * Anything else is unknown, never "different": equations can agree in other ways.
 */
export function compareEquations(a: Equation, b: Equation, budget = new WorkBudget()): Comparison {
  const f = difference(a);
  const g = difference(b);
  for (const probe of PROBES) {
    const fp = valueAt(f, probe, budget);
    const gp = valueAt(g, probe, budget);
    if (fp === null || gp === null || fp.equals(0) || gp.equals(0)) continue;
    const c = compareScalars(scalar(`(${f}) * (${gp.toFraction()})`), scalar(`(${g}) * (${fp.toFraction()})`), budget);
    return c.result === 'equal' ? c : UNKNOWN;
  }
  return UNKNOWN;
}

function difference(e: Equation): string {
  return `(${e.lhs.expr}) - (${e.rhs.expr})`;
}

function scalar(expr: string): Scalar {
  return { expr, percent: false, degrees: false };
}

/** The exact value with every variable at `probe`, or null when it is not rational there. */
function valueAt(expr: string, probe: string, budget: WorkBudget): Fraction | null {
  const variables = new Set(expr.match(new RegExp(`\\b${VARIABLE_PREFIX}\\w+`, 'g')));
  try {
    const value = exactValue(bigMath.parse(expr), Object.fromEntries([...variables].map((v) => [v, bigMath.fraction(probe)])), budget);
    return typeof value === 'symbol' ? null : value;
  } catch {
    return null;
  }
}
