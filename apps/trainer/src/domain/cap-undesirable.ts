import type { KtoExample, Role } from '@aero/contracts';
import type { SeededRandom } from './seeded-random';

/**
 * Keeps at most `cap` undesirable examples of `role` per desirable one (cap 0: all), the kept ones
 * drawn at random without replacement; every other example stays, in order. A random number is
 * drawn only when something is dropped, so an uncapped build draws the same replay pool as before.
 */
export function capUndesirable(examples: readonly KtoExample[], role: Role, cap: number, random: SeededRandom): KtoExample[] {
  if (!(cap > 0)) return [...examples];
  const undesirable = examples.flatMap((e, i) => (e.role === role && !e.label ? [i] : []));
  const desirable = examples.filter((e) => e.role === role && e.label).length;
  const keep = Math.floor(desirable * cap);
  if (undesirable.length <= keep) return [...examples];
  for (let i = 0; i < keep; i++) {
    const j = i + random.below(undesirable.length - i);
    [undesirable[i], undesirable[j]] = [undesirable[j], undesirable[i]];
  }
  const dropped = new Set(undesirable.slice(keep));
  return examples.filter((_, i) => !dropped.has(i));
}
