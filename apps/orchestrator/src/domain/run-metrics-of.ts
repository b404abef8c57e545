import type { ExampleCount, Phase, RunState } from '@aero/contracts';
import type { RunView } from './run-view';
import { statusShares } from './status-shares';

/** The numbers the orchestrator's /metrics shows of one run. */
export interface RunMetricValues {
  state: RunState;
  phase: Phase;
  /** Round in progress (or last done), 0 before the first. */
  round: number;
  /** Greedy pass@1 by round (0 = the initial model) and benchmark. */
  accuracy: { round: number; benchmark: string; pass_at_1: number }[];
  /** Questions through the inner loop, every round together. */
  questions: number;
  /** The last finished round; absent until one finished. */
  lastRound?: {
    round: number;
    shares: { mastery: number; zpd: number; chaos: number };
    /** Unset where no converged question had a known truth. */
    icc_accuracy?: number;
    majority_accuracy?: number;
    /** KTO examples the round's questions emitted, per role and label. */
    examples: ExampleCount[];
  };
}

/**
 * The metrics of a run from its view. The last-round numbers come from the recorded summary of the
 * last finished round, not from the round in progress: ICC accuracy and example counts exist only
 * once a round is finished, and a round's numbers should not jump back and forth while it runs.
 */
export function runMetricsOf(view: RunView): RunMetricValues {
  const rounds = [...view.rounds.values()].sort((a, b) => a.round - b.round);
  const last = rounds.filter((p) => p.summary).at(-1)?.summary;
  return {
    state: view.state,
    phase: view.phase,
    round: view.currentRound,
    accuracy: rounds.flatMap((p) => [...p.evaluations.values()].map((e) => ({ round: p.round, benchmark: e.benchmark, pass_at_1: e.pass_at_1 }))),
    questions: rounds.reduce((sum, p) => sum + p.recorded.size, 0),
    lastRound: last && {
      round: last.round,
      shares: statusShares(last),
      icc_accuracy: last.icc_accuracy,
      majority_accuracy: last.majority_accuracy,
      examples: last.examples,
    },
  };
}
