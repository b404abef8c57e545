import { KtoExample, Role } from '@aero/contracts';

/** A distinguishable example of `role` from `round`: its prompt names both and its index. */
export function ktoExample(role: Role, round: number, index: number, label: boolean): KtoExample {
  return KtoExample.fromPartial({
    role,
    label,
    prompt: `${Role[role]} prompt r${round}-${index}`,
    completion: `${Role[role]} completion r${round}-${index} \\boxed{${index}}`,
    provenance: { run_id: 'fixture', round, question_id: `r${round}-q${index}`, source: 'fixture' },
  });
}

/**
 * Round k of the fixture run: k+1 generator examples (labels alternate, first desirable), 2k solver
 * examples (alternating) and k refiner examples (all desirable), so every round and role has its
 * own count.
 */
export function fixtureRound(k: number): KtoExample[] {
  const of = (role: Role, n: number, label: (i: number) => boolean) => Array.from({ length: n }, (_, i) => ktoExample(role, k, i, label(i)));
  return [
    ...of(Role.ROLE_GENERATOR, k + 1, (i) => i % 2 === 0),
    ...of(Role.ROLE_SOLVER, 2 * k, (i) => i % 2 === 0),
    ...of(Role.ROLE_REFINER, k, () => true),
  ];
}
