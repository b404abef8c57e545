import { MAX_TERMS } from './big-operators';

/** Every member of a set of 64 (parse-answer.ts, MAX_ITEMS) against every member of another. */
const MAX_COMPARISONS = 64 * 64;
/** The longest sum on both sides, evaluated exactly and then numerically. */
const MAX_DECISION_TERMS = 4 * MAX_TERMS;

/**
 * The work one equivalence decision may still do. The bounds of the methods keep each step cheap
 * (parse-answer.ts, compare-scalars.ts, MAX_TERMS per range), but steps multiply: nested sums
 * multiply their ranges, sets compare member against member, answers alternative against
 * alternative. The budget bounds the product: what it cannot pay for is left unknown.
 */
export class WorkBudget {
  private terms = MAX_DECISION_TERMS;
  private comparisons = MAX_COMPARISONS;

  /** Takes the terms of one range, at most MAX_TERMS; false, taking nothing, when more than are left. */
  takeTerms(count: number): boolean {
    if (count > MAX_TERMS || count > this.terms) return false;
    this.terms -= Math.max(count, 0);
    return true;
  }

  /** Takes one comparison of two scalars or two equations; false when none is left. */
  takeComparison(): boolean {
    if (this.comparisons === 0) return false;
    this.comparisons--;
    return true;
  }
}
