import { roleToJSON, type Role } from '@aero/contracts';

/** "solver+" / "refiner−": a role and label the way tables and legends write them. */
export function exampleKey(role: Role, label: boolean): string {
  return `${roleToJSON(role).replace('ROLE_', '').toLowerCase()}${label ? '+' : '−'}`;
}
