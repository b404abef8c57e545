import { KtoExample, Role } from '@aero/contracts';
import { ktoExample } from '../testing/kto-example';
import { checkDatasetSize } from './check-dataset-size';
import { TrainerError } from './trainer-error';

const many = (role: Role, n: number) => Array.from({ length: n }, (_, i) => ktoExample(role, 1, i, i % 2 === 0));
const weights = (generator: number, solver: number, refiner: number) => ({ generator, solver, refiner });

function refusalOf(check: () => void): TrainerError {
  try {
    check();
  } catch (error) {
    if (error instanceof TrainerError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('checkDatasetSize', () => {
  const tenThousand = many(Role.ROLE_GENERATOR, 10_000);

  it('lets a dataset of exactly 1000000 records through', () => {
    expect(() => checkDatasetSize(tenThousand, weights(100, 1, 1), 0)).not.toThrow();
  });

  it('refuses one record more with INVALID_ARGUMENT naming the weight of the role that adds the most', () => {
    const refusal = refusalOf(() => checkDatasetSize([...tenThousand, ...many(Role.ROLE_SOLVER, 1)], weights(100, 1, 1), 0));
    expect([refusal.kind, refusal.field]).toEqual(['invalid_argument', 'weights.generator']);
    expect(refusal.message).toBe(
      'invalid weights.generator: the dataset would have up to 1000001 records (generator: 10000 examples, weight 100 → 1000000; ' +
        'solver: 1 example, weight 1 → 1; refiner: 0 examples, weight 1 → 0), more than the 1000000 the trainer builds; lower weights.generator',
    );
  });

  it('names replay_pool_size too when replayed examples add to the dataset', () => {
    const refusal = refusalOf(() => checkDatasetSize([...many(Role.ROLE_GENERATOR, 10), ...many(Role.ROLE_SOLVER, 20_000)], weights(100, 51, 1), 20_000));
    expect(refusal.field).toBe('weights.solver');
    expect(refusal.message).toMatch(/lower weights\.solver or replay_pool_size \(20000 of the examples are replayed\)$/);
  });

  it('refuses a dataset of few records whose JSON Lines would pass 2^28 characters', () => {
    const long = KtoExample.fromPartial({ role: Role.ROLE_REFINER, label: true, prompt: 'p', completion: 'x'.repeat(3_000_000) });
    expect(() => checkDatasetSize([long], weights(1, 1, 89), 0)).not.toThrow();
    const refusal = refusalOf(() => checkDatasetSize([long], weights(1, 1, 90), 0));
    expect(refusal.field).toBe('weights.refiner');
    expect(refusal.message).toContain('characters of JSON Lines');
    expect(refusal.message).toContain('more than the 268435456 the trainer builds');
  });
});
