import { Role } from '@aero/contracts';
import { ktoExample } from '../testing/kto-example';
import { applyRoleWeights } from './apply-role-weights';
import { SeededRandom } from './seeded-random';

const many = (role: Role, n: number) => Array.from({ length: n }, (_, i) => ktoExample(role, 1, i, i % 2 === 0));
const weights = (generator: number, solver: number, refiner: number) => ({ generator, solver, refiner });
const copiesOf = (out: unknown[], examples: unknown[]) => examples.map((e) => out.filter((o) => o === e).length);

describe('applyRoleWeights', () => {
  it('repeats integer weights exactly and keeps copies together', () => {
    const examples = many(Role.ROLE_SOLVER, 3);
    const out = applyRoleWeights(examples, weights(1, 2, 1), new SeededRandom('w'));
    expect(out).toEqual([examples[0], examples[0], examples[1], examples[1], examples[2], examples[2]]);
  });

  it('drops a role of weight 0 or below and keeps exactly one copy for 0 < w < 1', () => {
    const examples = [...many(Role.ROLE_GENERATOR, 4), ...many(Role.ROLE_SOLVER, 4), ...many(Role.ROLE_REFINER, 4)];
    const out = applyRoleWeights(examples, weights(0, -1, 0.2), new SeededRandom('w'));
    expect(out).toEqual(examples.filter((e) => e.role === Role.ROLE_REFINER));
  });

  it('with a fixed seed, adds the extra copy exactly when the next draw falls below the fraction', () => {
    const examples = many(Role.ROLE_SOLVER, 12);
    const out = applyRoleWeights(examples, weights(1, 2.25, 1), new SeededRandom('exact'));
    const reference = new SeededRandom('exact');
    expect(copiesOf(out, examples)).toEqual(examples.map(() => (reference.next() < 0.25 ? 3 : 2)));
    expect(applyRoleWeights(examples, weights(1, 2.25, 1), new SeededRandom('exact'))).toEqual(out);
  });

  it('averages floor(w) + fraction copies over many examples', () => {
    const examples = many(Role.ROLE_REFINER, 20_000);
    const out = applyRoleWeights(examples, weights(1, 1, 1.3), new SeededRandom('mean'));
    expect(out.length / examples.length).toBeGreaterThan(1.28);
    expect(out.length / examples.length).toBeLessThan(1.32);
    expect(new Set(copiesOf(out, examples.slice(0, 100)))).toEqual(new Set([1, 2]));
  });

  it('draws no random number for whole weights, so they do not shift later draws', () => {
    const random = new SeededRandom('untouched');
    applyRoleWeights(many(Role.ROLE_SOLVER, 50), weights(1, 3, 1), random);
    expect(random.next()).toBe(new SeededRandom('untouched').next());
  });
});
