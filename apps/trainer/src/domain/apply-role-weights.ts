import type { KtoExample, Role } from '@aero/contracts';
import { TRAINABLE_ROLES, type RoleValues } from './role-values';
import type { SeededRandom } from './seeded-random';

/**
 * AERO-SPEC 3: an example of weight w is repeated floor(w) times plus once more with probability
 * w - floor(w); w <= 0 drops it; 0 < w < 1 keeps exactly one copy (at least one, at most
 * floor(w) + 1 = 1). Copies stay next to each other; a random number is drawn only for a
 * fractional weight, so integer weights never disturb the generator.
 */
export function applyRoleWeights(examples: readonly KtoExample[], weights: RoleValues<number>, random: SeededRandom): KtoExample[] {
  const weightOf = new Map<Role, number>(TRAINABLE_ROLES.map(({ role, key }) => [role, weights[key]]));
  const out: KtoExample[] = [];
  for (const example of examples) {
    const w = weightOf.get(example.role) ?? 0;
    if (!(w > 0)) continue;
    const whole = Math.floor(w);
    const fraction = w - whole;
    const extra = fraction > 0 && random.next() < fraction ? 1 : 0;
    const copies = Math.max(1, whole + extra);
    for (let i = 0; i < copies; i++) out.push(example);
  }
  return out;
}
