import type { KtoExample, Role } from '@aero/contracts';
import { TRAINABLE_ROLES, type RoleValues } from './role-values';
import { sharegptRecord } from './sharegpt-record';

/** What the examples of one role become at most. */
export interface RoleSize {
  /** Examples before weighting. */
  examples: number;
  /** Records after weighting. */
  records: number;
  /** Characters of their lines in the data file. */
  chars: number;
}

/** The most records and characters a weighted dataset can have, per role and in total. */
export interface DatasetSize {
  records: number;
  chars: number;
  roles: RoleValues<RoleSize>;
}

/**
 * Upper bounds of what applyRoleWeights and the data file make of `examples`, computed without making
 * either: an example of weight w becomes at most max(1, ceil(w)) records (none for w <= 0), each one
 * line of JSON. Bounds rather than the count because a fractional weight rounds at random, so that a
 * request is refused or built whatever its seed. Each example is serialised once here, whatever its
 * weight: the cost is that of reading the examples, not of the dataset.
 */
export function datasetSize(examples: readonly KtoExample[], weights: RoleValues<number>): DatasetSize {
  const keyOf = new Map<Role, keyof RoleValues<number>>(TRAINABLE_ROLES.map(({ role, key }) => [role, key]));
  const roles: RoleValues<RoleSize> = { generator: emptySize(), solver: emptySize(), refiner: emptySize() };
  for (const example of examples) {
    const key = keyOf.get(example.role);
    if (key === undefined) continue;
    const size = roles[key];
    size.examples++;
    const copies = maxCopies(weights[key]);
    if (copies === 0) continue;
    size.records += copies;
    // The line RunStore.writeDataset writes for the record.
    size.chars += copies * (JSON.stringify(sharegptRecord(example)).length + 1);
  }
  const all = Object.values(roles);
  return { records: sum(all.map((r) => r.records)), chars: sum(all.map((r) => r.chars)), roles };
}

function maxCopies(weight: number): number {
  return weight > 0 ? Math.max(1, Math.ceil(weight)) : 0;
}

function emptySize(): RoleSize {
  return { examples: 0, records: 0, chars: 0 };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
