import type { Fraction } from 'mathjs';
import { bigMath } from './big-math';
import { exactValue } from './exact-value';
import { VARIABLE_PREFIX } from './latex-to-mathjs';

/** A linear function of one variable, slope · (variable − root). */
export interface Linear {
  variable: string;
  slope: Fraction;
  root: Fraction;
}

// Where the function is sampled: two points fix a line, the others check that it is one.
const AT = ['0', '1', '-3', '7/5', '13/2'];

/**
 * The linear function a mathjs expression computes, when it is one: exactly one variable, rational
 * coefficients, a nonzero slope (checked exactly at five points). Null otherwise: a quadratic, an
 * irrational coefficient, a constant.
 */
export function solveLinear(expr: string): Linear | null {
  const variables = new Set(expr.match(new RegExp(`\\b${VARIABLE_PREFIX}\\w+`, 'g')));
  if (variables.size !== 1) return null;
  const [variable] = variables;
  let node;
  try {
    node = bigMath.parse(expr);
  } catch {
    return null;
  }
  const points = AT.map((t) => bigMath.fraction(t));
  const values = points.map((t) => exactValue(node, { [variable]: t }));
  if (values.some((v) => v === null || typeof v === 'symbol')) return null;
  const [v0, v1] = values as Fraction[];
  const slope = v1.sub(v0);
  if (slope.equals(0)) return null;
  const onLine = points.every((t, i) => (values[i] as Fraction).equals(v0.add(slope.mul(t))));
  return onLine ? { variable, slope, root: v0.neg().div(slope) } : null;
}
