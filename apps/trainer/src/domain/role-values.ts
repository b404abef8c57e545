import { Role } from '@aero/contracts';

/** One value per trainable role, the shape of kto_replay_ratios, kto_weights and RoleRatios/RoleWeights. */
export interface RoleValues<T> {
  generator: T;
  solver: T;
  refiner: T;
}

/** The trainable roles in the order every count and draw uses (AERO-SPEC 1; the judge never trains). */
export const TRAINABLE_ROLES = [
  { role: Role.ROLE_GENERATOR, key: 'generator' },
  { role: Role.ROLE_SOLVER, key: 'solver' },
  { role: Role.ROLE_REFINER, key: 'refiner' },
] as const satisfies readonly { role: Role; key: keyof RoleValues<unknown> }[];
