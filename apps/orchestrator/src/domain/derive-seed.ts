/**
 * A seed for one random choice of a run, from the run's seed and the choice's coordinates (round,
 * question index, purpose). Seeds depend on nothing else (not on the run id, the time or the order in
 * which concurrent work finishes), so a resumed run and an uninterrupted run ask for exactly the same
 * samples. The result fits in 31 bits: safe for every engine's seed parameter.
 */
export function deriveSeed(base: number, ...parts: (number | string)[]): number {
  let h = 0x811c9dc5 ^ base;
  for (const part of [base, ...parts]) {
    const text = typeof part === 'number' ? `#${part}` : `$${part}`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= h >>> 15;
  }
  return (h >>> 0) & 0x7fffffff;
}
