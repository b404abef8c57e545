import { compareAnswers } from './compare-answers';
import type { PreparedAnswer } from './prepare-answer';
import type { Verdict } from './verdict';
import { WorkBudget } from './work-budget';

/**
 * The cheap equivalence methods in order (AERO-SPEC 2.4): identical strings, identical after LaTeX
 * normalisation, then a structural comparison whose scalars are settled exactly (symbolic) or by
 * 64-digit evaluation (numeric). The readings of each answer are compared first as written, then
 * with its alternatives (`3,5` as 3.5, `y = 2x+1` as a line) only to find an equality: a difference
 * is claimed on the first reading alone. What none of them can settle is undecided: not
 * equivalent, unless the caller then asks the model judge.
 */
export function decideEquivalence(a: PreparedAnswer, b: PreparedAnswer): Verdict {
  if (a.raw === b.raw) return { equivalent: true, method: 'exact' };
  // An answer that normalises to nothing (only spacing, units or signs) says nothing to compare.
  if (a.normalized === '' || b.normalized === '') return { equivalent: false, method: 'undecided' };
  if (a.normalized === b.normalized) return { equivalent: true, method: 'normalized' };
  const budget = new WorkBudget();
  const c = compareAnswers(a.parsed, b.parsed, budget);
  if (c.result === 'equal') return { equivalent: true, method: c.method };
  for (const x of [a.parsed, ...a.alternatives]) {
    for (const y of [b.parsed, ...b.alternatives]) {
      if (x === a.parsed && y === b.parsed) continue;
      const alternative = compareAnswers(x, y, budget);
      if (alternative.result === 'equal') return { equivalent: true, method: alternative.method };
    }
  }
  if (c.result === 'unknown') return { equivalent: false, method: 'undecided' };
  return { equivalent: false, method: c.method };
}
