import { Role, type KtoExample } from '@aero/contracts';

/** The examples a round trains on first-hand, and the history its replay pool is drawn from. */
export interface RoundData {
  fresh: KtoExample[];
  history: KtoExample[];
}

/**
 * AERO-SPEC 3. Staggered: fresh = generator examples of round r plus solver and refiner examples of
 * round r-1, history = rounds 1..r-2 (so the solver never trains on questions the newer model already
 * masters). Not staggered: fresh = round r, history = rounds 1..r-1. `examplesOf(k)` gives round k's
 * examples in recorded order; the result keeps that order, rounds ascending.
 */
export function selectRoundData(examplesOf: (round: number) => KtoExample[], round: number, staggered: boolean): RoundData {
  const rounds = (from: number, to: number) => {
    const out: KtoExample[] = [];
    for (let k = from; k <= to; k++) out.push(...examplesOf(k));
    return out;
  };
  if (!staggered) return { fresh: examplesOf(round), history: rounds(1, round - 1) };
  const generator = examplesOf(round).filter((e) => e.role === Role.ROLE_GENERATOR);
  const previous = round > 1 ? examplesOf(round - 1).filter((e) => e.role !== Role.ROLE_GENERATOR) : [];
  return { fresh: [...generator, ...previous], history: rounds(1, round - 2) };
}
