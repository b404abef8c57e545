/**
 * Splits n samples into the fewest engine requests of at most maxN each, sized evenly so the
 * requests finish together (100 at 64 -> [50, 50], not [64, 36]).
 */
export function splitN(n: number, maxN: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  if (!Number.isInteger(maxN) || maxN < 1) throw new RangeError(`maxN must be a positive integer, got ${maxN}`);
  const parts = Math.ceil(n / maxN);
  const base = Math.floor(n / parts);
  return Array.from({ length: parts }, (_, i) => base + (i < n % parts ? 1 : 0));
}
