import type { KtoExample } from '@aero/contracts';
import { TRAINABLE_ROLES, type RoleValues } from './role-values';
import type { SeededRandom } from './seeded-random';

/**
 * AERO-SPEC 3: group the history by role; for each role with ratio > 0 draw
 * min(available, floor(size * ratio / sum of ratios)) examples at random without replacement.
 * Roles are drawn in generator, solver, refiner order, each in the order of a partial
 * Fisher-Yates shuffle, so the pool depends only on the history and the generator's state.
 */
export function drawReplayPool(
  history: readonly KtoExample[],
  size: number,
  ratios: RoleValues<number>,
  random: SeededRandom,
): KtoExample[] {
  const total = ratios.generator + ratios.solver + ratios.refiner;
  if (size <= 0 || total <= 0) return [];
  const pool: KtoExample[] = [];
  for (const { role, key } of TRAINABLE_ROLES) {
    if (ratios[key] <= 0) continue;
    const available = history.filter((e) => e.role === role);
    const want = Math.min(available.length, Math.floor((size * ratios[key]) / total));
    for (let i = 0; i < want; i++) {
      const j = i + random.below(available.length - i);
      [available[i], available[j]] = [available[j], available[i]];
      pool.push(available[i]);
    }
  }
  return pool;
}
