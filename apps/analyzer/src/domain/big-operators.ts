/**
 * The mathjs functions big operators become (latex-to-mathjs.ts), each `name(index, ...bounds,
 * body)`: sums and products over an integer range, evaluated (exact-value.ts, big-math.ts);
 * integrals `integralOf(x, a, b, body)` and limits `limitOf(x, point, body)`, compared by their
 * parts (compare-scalars.ts).
 */
export const BIG_OPERATORS = { sum: 'sumOver', product: 'productOver', integral: 'integralOf', limit: 'limitOf' } as const;

/** Most terms of one sum or product that evaluation computes; a longer range, or more terms than a decision may pay for (work-budget.ts), is left undecided. */
export const MAX_TERMS = 2000;
