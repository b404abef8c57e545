import { all, create, type MathNode } from 'mathjs';
import { BIG_OPERATORS } from './big-operators';
import { WorkBudget } from './work-budget';

/**
 * The mathjs instance every comparison uses: numbers are 64-digit decimals, so a literal keeps its
 * exact decimal value (0.1 is 1/10, not the nearest double) and numeric comparison can tell a
 * 20-digit decimal approximation of π from π itself. It also evaluates sums and products over an
 * integer range (big-operators.ts).
 */
export const bigMath = create(all, { number: 'BigNumber', precision: 64 });

type Scope = { keys(): Iterable<string>; get(key: string): unknown };

// The scope entry that carries the work budget of an evaluation into the ranges it computes: mathjs
// gives a range function nothing else. No expression names it (it holds a space).
const BUDGET = 'work budget';

/** `scope` with the budget that every sum and product of the evaluation draws on. */
export function withBudget<S extends object>(scope: S, budget: WorkBudget): S {
  return { ...scope, [BUDGET]: budget };
}

/**
 * Σ or Π over index = lower … upper; mathjs hands over the unevaluated arguments (rawArgs). A scope
 * without a budget (withBudget) gets one for this range and the ranges inside it.
 */
function overRange(sum: boolean) {
  const evaluateRange = (args: MathNode[], _math: unknown, scope: Scope): unknown => {
    const [index, lower, upper, body] = args;
    const from = Number(lower.compile().evaluate(scope));
    const to = Number(upper.compile().evaluate(scope));
    const budget = (scope.get(BUDGET) as WorkBudget | undefined) ?? new WorkBudget();
    if (!Number.isInteger(from) || !Number.isInteger(to) || !budget.takeTerms(to - from + 1)) throw new Error('not a finite integer range');
    const name = (index as unknown as { name: string }).name;
    const inner = new Map<string, unknown>();
    for (const key of scope.keys()) inner.set(key, scope.get(key));
    inner.set(BUDGET, budget);
    const term = body.compile();
    let total: unknown = bigMath.bignumber(sum ? 0 : 1);
    for (let k = from; k <= to; k++) {
      inner.set(name, bigMath.bignumber(k));
      const value = term.evaluate(inner);
      total = sum ? bigMath.add(total as number, value) : bigMath.multiply(total as number, value);
    }
    return total;
  };
  return Object.assign(evaluateRange, { rawArgs: true });
}

bigMath.import({ [BIG_OPERATORS.sum]: overRange(true), [BIG_OPERATORS.product]: overRange(false) }, {});
