import { all, create } from 'mathjs';

/**
 * The mathjs instance every comparison uses: numbers are 64-digit decimals, so a literal keeps its
 * exact decimal value (0.1 is 1/10, not the nearest double) and numeric comparison can tell a
 * 20-digit decimal approximation of π from π itself.
 */
export const bigMath = create(all, { number: 'BigNumber', precision: 64 });
