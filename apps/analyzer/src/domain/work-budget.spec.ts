import { MAX_TERMS } from './big-operators';
import { WorkBudget } from './work-budget';

describe('WorkBudget', () => {
  it('pays for ranges of at most MAX_TERMS terms until four such ranges are spent', () => {
    const budget = new WorkBudget();
    expect(budget.takeTerms(MAX_TERMS + 1)).toBe(false);
    for (let k = 0; k < 4; k++) expect(budget.takeTerms(MAX_TERMS)).toBe(true);
    expect(budget.takeTerms(1)).toBe(false);
    expect(budget.takeTerms(0)).toBe(true);
  });

  it('pays for the comparisons of two sets of 64, and no more', () => {
    const budget = new WorkBudget();
    for (let k = 0; k < 64 * 64; k++) expect(budget.takeComparison()).toBe(true);
    expect(budget.takeComparison()).toBe(false);
  });
});
