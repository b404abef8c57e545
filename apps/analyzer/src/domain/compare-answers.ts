import type { Answer, Comparison } from './answer';
import { compareEquations } from './compare-equations';
import { compareScalars } from './compare-scalars';
import { WorkBudget } from './work-budget';

const UNKNOWN: Comparison = { result: 'unknown', method: 'numeric' };
const STRENGTH: Record<Comparison['method'], number> = { normalized: 0, symbolic: 1, numeric: 2 };

/**
 * Compares two parsed answers structurally: tuples item by item with their brackets, sets and
 * unions as unordered collections, matrices cell by cell (a one-row or one-column matrix also
 * against a parenthesised tuple, the same vector), equations up to moving everything to one side
 * and scaling (compare-equations.ts); a set of one member against that member. "different" is only
 * claimed when the values are known to differ; forms we cannot line up are "unknown", for the
 * judge to decide.
 */
export function compareAnswers(a: Answer, b: Answer, budget = new WorkBudget()): Comparison {
  if (a.kind === 'set' && a.items.length === 1 && b.kind !== 'set') return compareAnswers(a.items[0], b, budget);
  if (b.kind === 'set' && b.items.length === 1 && a.kind !== 'set') return compareAnswers(a, b.items[0], budget);
  if (a.kind === 'scalar' && b.kind === 'scalar') return budget.takeComparison() ? compareScalars(a.scalar, b.scalar, budget) : UNKNOWN;
  if (a.kind === 'text' && b.kind === 'text') {
    const plain = (s: string) => s.toLowerCase().replace(/[\s.]+/g, ' ').trim();
    return plain(a.text) === plain(b.text) ? { result: 'equal', method: 'normalized' } : UNKNOWN;
  }
  if (a.kind === 'tuple' && b.kind === 'tuple') {
    if (a.open !== b.open || a.close !== b.close || a.items.length !== b.items.length) return { result: 'different', method: 'symbolic' };
    return inOrder(a.items, b.items, budget);
  }
  if ((a.kind === 'set' && b.kind === 'set') || (a.kind === 'union' && b.kind === 'union')) return asSets(a.items, b.items, budget);
  if (a.kind === 'matrix' && b.kind === 'matrix') {
    if (a.rows.length !== b.rows.length || a.rows[0].length !== b.rows[0].length) return { result: 'different', method: 'symbolic' };
    return inOrder(a.rows.flat(), b.rows.flat(), budget);
  }
  if (a.kind === 'matrix' && b.kind === 'tuple') return vectorAgainstTuple(a.rows, b, budget);
  if (a.kind === 'tuple' && b.kind === 'matrix') return vectorAgainstTuple(b.rows, a, budget);
  if (a.kind === 'equation' && b.kind === 'equation') return budget.takeComparison() ? compareEquations(a, b, budget) : UNKNOWN;
  return UNKNOWN;
}

function vectorAgainstTuple(rows: Answer[][], tuple: Extract<Answer, { kind: 'tuple' }>, budget: WorkBudget): Comparison {
  const isVector = rows.length === 1 || rows.every((r) => r.length === 1);
  if (!isVector || tuple.open !== '(' || tuple.close !== ')') return UNKNOWN;
  const cells = rows.flat();
  return cells.length === tuple.items.length ? inOrder(cells, tuple.items, budget) : { result: 'different', method: 'symbolic' };
}

function inOrder(xs: Answer[], ys: Answer[], budget: WorkBudget): Comparison {
  return combine(xs.map((x, i) => compareAnswers(x, ys[i], budget)));
}

function combine(cs: Comparison[]): Comparison {
  const different = cs.find((c) => c.result === 'different');
  if (different) return different;
  if (cs.some((c) => c.result === 'unknown')) return UNKNOWN;
  return { result: 'equal', method: weakest(cs) };
}

/** Set equality: every member of each side equals some member of the other. */
function asSets(xs: Answer[], ys: Answer[], budget: WorkBudget): Comparison {
  if (xs.length === 0 || ys.length === 0) {
    return xs.length === ys.length ? { result: 'equal', method: 'symbolic' } : { result: 'different', method: 'symbolic' };
  }
  const table = xs.map((x) => ys.map((y) => compareAnswers(x, y, budget)));
  const matched = (row: Comparison[]) => row.find((c) => c.result === 'equal');
  const columns = ys.map((_, j) => table.map((row) => row[j]));
  const rowMatches = table.map(matched);
  const columnMatches = columns.map(matched);
  if (rowMatches.every(Boolean) && columnMatches.every(Boolean)) {
    return { result: 'equal', method: weakest([...rowMatches, ...columnMatches] as Comparison[]) };
  }
  const unmatchable = [...table, ...columns].find((line) => line.every((c) => c.result === 'different'));
  if (unmatchable) return { result: 'different', method: weakest(unmatchable) };
  return UNKNOWN;
}

function weakest(cs: Comparison[]): Comparison['method'] {
  return cs.reduce<Comparison['method']>((m, c) => (STRENGTH[c.method] > STRENGTH[m] ? c.method : m), 'normalized');
}
