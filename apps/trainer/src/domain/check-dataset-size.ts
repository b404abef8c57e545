import type { KtoExample } from '@aero/contracts';
import { datasetSize } from './dataset-size';
import { TRAINABLE_ROLES, type RoleValues } from './role-values';
import { TrainerError } from './trainer-error';

/**
 * Most records of one dataset. A production round (1000 questions: as many generator examples, a few
 * thousand solver and refiner ones, a replay pool of 500) gives about 10^4 records; 10^6 leaves two
 * orders of magnitude for larger rounds and weights, while the records, which the trainer holds in
 * memory all at once (a few hundred bytes each besides their text), stay far below its heap.
 */
const MAX_RECORDS = 1_000_000;

/**
 * Most characters of the data file. The trainer writes it from one string and V8 caps a string at
 * 2^29 - 24 characters; half of that leaves room for the lines it is joined from, which live at the
 * same time (at most 1 GiB together at two bytes a character).
 */
const MAX_CHARS = 2 ** 28;

const LIMITS = [
  { measure: 'records', max: MAX_RECORDS, unit: 'records' },
  { measure: 'chars', max: MAX_CHARS, unit: 'characters of JSON Lines' },
] as const;

/**
 * Refuses (INVALID_ARGUMENT) to weight `examples`, the fresh and replayed ones, into a dataset larger
 * than the trainer builds, before anything is built: weights.generator = 1e9 once made a billion
 * records and ran the trainer out of memory. The error names the weight of the role that adds the
 * most, the field to lower, and replay_pool_size when the pool adds to it.
 */
export function checkDatasetSize(examples: readonly KtoExample[], weights: RoleValues<number>, replayed: number): void {
  const size = datasetSize(examples, weights);
  for (const { measure, max, unit } of LIMITS) {
    if (size[measure] <= max) continue;
    const keys = TRAINABLE_ROLES.map(({ key }) => key);
    const largest = keys.reduce((a, b) => (size.roles[b][measure] > size.roles[a][measure] ? b : a));
    const field = `weights.${largest}`;
    const roles = keys.map((key) => {
      const { examples: n, [measure]: made } = size.roles[key];
      return `${key}: ${n} example${n === 1 ? '' : 's'}, weight ${weights[key]} → ${made}`;
    });
    const alsoReplay = replayed > 0 ? ` or replay_pool_size (${replayed} of the examples are replayed)` : '';
    throw new TrainerError(
      'invalid_argument',
      `invalid ${field}: the dataset would have up to ${size[measure]} ${unit} (${roles.join('; ')}), ` +
        `more than the ${max} the trainer builds; lower ${field}${alsoReplay}`,
      field,
    );
  }
}
