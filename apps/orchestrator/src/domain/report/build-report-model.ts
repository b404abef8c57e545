import type { RoundSummary, TrainProgress } from '@aero/contracts';
import { roundProgressOf } from '../round-progress-of';
import type { RunView } from '../run-view';
import { toRunMessage } from '../to-run-message';
import type { ReportModel } from './report-model';

const ENTROPY_BINS = 10;

/** The report's data from a run's view: one entry per round, round 0 being the initial model. */
export function buildReportModel(view: RunView): ReportModel {
  const run = toRunMessage(view);
  const { aero, evaluation } = view.meta.config;
  const summaries = run.round_summaries;
  const rounds = summaries.map((s) => s.round);
  const progress = rounds.map((r) => roundProgressOf(view, r));
  const allRounds = [0, ...rounds];
  const evaluationAt = (benchmark: string, round: number) => view.rounds.get(round)?.evaluations.get(benchmark);

  return {
    run,
    settings: [
      { label: 'rounds', value: String(aero.rounds) },
      { label: 'questions per round', value: String(aero.questions_per_round) },
      { label: 'samples per question (n)', value: String(aero.sampling_n) },
      { label: 'ZPD', value: `${aero.zpd.mastery_below} ≤ H̄ ≤ ${aero.zpd.chaos_above}` },
      { label: 'staggered training', value: String(aero.use_staggered_training) },
      { label: 'labeller', value: aero.labeller },
      { label: 'solver labels', value: aero.solver_labels },
      { label: 'refiner temperature', value: String(aero.temperatures.refiner) },
      { label: 'seed', value: String(aero.seed) },
      { label: 'initial model', value: view.meta.config.engine.model },
    ],
    rounds,
    accuracy: evaluation.benchmarks.map(({ name }) => {
      const groups = [...new Set(allRounds.flatMap((r) => Object.keys(evaluationAt(name, r)?.by_level ?? {})))].sort();
      return {
        benchmark: name,
        byRound: allRounds.map((r) => evaluationAt(name, r)?.pass_at_1),
        groups: groups.map((group) => ({ group, byRound: allRounds.map((r) => evaluationAt(name, r)?.by_level[group]) })),
      };
    }),
    statusShares: summaries.map((s) => {
      const total = Math.max(1, s.mastery + s.zpd + s.chaos);
      return { mastery: s.mastery / total, zpd: s.zpd / total, chaos: s.chaos / total };
    }),
    entropyHistogram: progress.map((p) => {
      const bins = new Array<number>(ENTROPY_BINS).fill(0);
      const recorded = [...p.recorded.values()].filter((q) => q.answered > 0);
      for (const q of recorded) bins[Math.min(ENTROPY_BINS - 1, Math.floor(q.normalized_entropy * ENTROPY_BINS))]++;
      return bins.map((b) => b / Math.max(1, recorded.length));
    }),
    loop: summaries.map((s) => ({
      wellFormed: s.parsed / Math.max(1, s.questions),
      zpdShare: s.zpd / Math.max(1, s.questions),
      zpdMedianSize: s.zpd_median_size,
      identicalRefinements: s.identical_refinements,
      heldOut: s.held_out,
    })),
    zpdSizes: zpdSizes(summaries),
    icc: summaries.map((s) => ({
      convergence: s.icc_converged + s.icc_diverged ? s.icc_converged / (s.icc_converged + s.icc_diverged) : undefined,
      iccAccuracy: s.icc_accuracy,
      majorityAccuracy: s.majority_accuracy,
    })),
    examples: summaries.map((s) => s.examples),
    datasets: progress.map((p) => p.dataset),
    losses: progress.map((p) => lastAttempt(p.training).map((t) => t.loss)),
  };
}

function zpdSizes(summaries: readonly RoundSummary[]): ReportModel['zpdSizes'] {
  const sizes = [...new Set(summaries.flatMap((s) => Object.keys(s.zpd_sizes).map(Number)))].sort((a, b) => a - b);
  return {
    sizes,
    byRound: summaries.map((s) => {
      const total = Math.max(1, Object.values(s.zpd_sizes).reduce((a, b) => a + b, 0));
      return sizes.map((size) => (s.zpd_sizes[size] ?? 0) / total);
    }),
  };
}

/** A job restarted after a crash logs from step 1 again; the curve shows the attempt that finished. */
function lastAttempt(training: readonly TrainProgress[]): readonly TrainProgress[] {
  const restart = training.findLastIndex((t, i) => i > 0 && t.current_steps <= training[i - 1].current_steps);
  return restart < 0 ? training : training.slice(restart);
}
