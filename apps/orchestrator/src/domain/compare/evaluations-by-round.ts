import type { Evaluation } from '@aero/contracts';
import type { RunView } from '../run-view';

/**
 * The run's evaluations from its journal: of the initial model at index 0, then after each round
 * (empty where it has none yet), up to the last round the journal reached.
 */
export function evaluationsByRound(view: RunView): Evaluation[][] {
  const last = Math.max(0, ...view.rounds.keys());
  return Array.from({ length: last + 1 }, (_, r) => [...(view.rounds.get(r)?.evaluations.values() ?? [])]);
}
