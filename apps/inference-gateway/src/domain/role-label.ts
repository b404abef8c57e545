import { Role } from '@aero/contracts';

/** Metric and log label of a role: ROLE_SOLVER -> "solver", ROLE_UNSPECIFIED -> "unspecified". */
export function roleLabel(role: Role): string {
  return (Role[role] ?? 'ROLE_UNSPECIFIED').replace(/^ROLE_/, '').toLowerCase();
}
