import { KtoExample, Role } from '@aero/contracts';
import { capUndesirable } from './cap-undesirable';
import { SeededRandom } from './seeded-random';

const example = (role: Role, label: boolean, i: number): KtoExample => KtoExample.fromPartial({ role, label, prompt: 'p', completion: `c${i}` });

describe('capUndesirable', () => {
  const G = Role.ROLE_GENERATOR;
  const S = Role.ROLE_SOLVER;
  const examples = [
    example(G, true, 0), ...Array.from({ length: 6 }, (_, i) => example(G, false, i + 1)), example(G, true, 7),
    example(S, false, 8), example(S, false, 9), example(S, true, 10),
  ];

  it('keeps cap undesirable examples of the role per desirable one, and everything else in order', () => {
    const kept = capUndesirable(examples, G, 1.5, new SeededRandom('a'));
    expect(kept.filter((e) => e.role === G && !e.label)).toHaveLength(3);
    expect(kept.filter((e) => e.role === G && e.label).map((e) => e.completion)).toEqual(['c0', 'c7']);
    expect(kept.filter((e) => e.role === S).map((e) => e.completion)).toEqual(['c8', 'c9', 'c10']);
    const order = kept.map((e) => Number(e.completion.slice(1)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('draws the kept ones from its seed, differently for another seed', () => {
    const keptBy = (seed: string) => capUndesirable(examples, G, 1, new SeededRandom(seed)).map((e) => e.completion).join();
    expect(keptBy('a')).toBe(keptBy('a'));
    expect(new Set(['a', 'b', 'c', 'd'].map(keptBy)).size).toBeGreaterThan(1);
  });

  it('keeps everything with cap 0, or when the undesirable ones are few enough', () => {
    expect(capUndesirable(examples, G, 0, new SeededRandom('a'))).toEqual(examples);
    expect(capUndesirable(examples, G, 3, new SeededRandom('a'))).toEqual(examples);
    expect(capUndesirable(examples, S, 1, new SeededRandom('a'))).toHaveLength(examples.length - 1);
  });
});
