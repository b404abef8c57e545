import { Role } from '@aero/contracts';
import { fixtureRound } from '../testing/kto-example';
import { selectRoundData } from './select-round-data';

const rounds = (k: number) => fixtureRound(k);
const roundsOf = (examples: { provenance?: { round: number } }[]) => [...new Set(examples.map((e) => e.provenance!.round))];

describe('selectRoundData', () => {
  it('staggered: trains the generator on round r and the solver and refiner on round r-1, replaying rounds 1..r-2', () => {
    const { fresh, history } = selectRoundData(rounds, 4, true);
    expect(fresh.filter((e) => e.role === Role.ROLE_GENERATOR).map((e) => e.provenance!.round)).toEqual([4, 4, 4, 4, 4]);
    expect(roundsOf(fresh.filter((e) => e.role !== Role.ROLE_GENERATOR))).toEqual([3]);
    expect(fresh).toHaveLength(5 + 6 + 3);
    expect(roundsOf(history)).toEqual([1, 2]);
    expect(history).toHaveLength(fixtureRound(1).length + fixtureRound(2).length);
  });

  it('staggered round 1 has only its generator examples and no history', () => {
    const { fresh, history } = selectRoundData(rounds, 1, true);
    expect(fresh.map((e) => e.role)).toEqual([Role.ROLE_GENERATOR, Role.ROLE_GENERATOR]);
    expect(history).toEqual([]);
  });

  it('without staggering: all of round r is fresh and rounds 1..r-1 are history', () => {
    const { fresh, history } = selectRoundData(rounds, 3, false);
    expect(fresh).toEqual(fixtureRound(3));
    expect(history).toEqual([...fixtureRound(1), ...fixtureRound(2)]);
  });

  it('never asks for a round after r', () => {
    const asked: number[] = [];
    selectRoundData((k) => (asked.push(k), fixtureRound(k)), 3, true);
    selectRoundData((k) => (asked.push(k), fixtureRound(k)), 3, false);
    expect(Math.max(...asked)).toBe(3);
  });
});
