import type { RoundSummary, TrainProgress } from '@aero/contracts';
import { roundProgressOf } from '../round-progress-of';
import type { RoundProgress } from '../run-view';
import { statusShares } from '../status-shares';
import { toRunMessage } from '../to-run-message';
import { labellerVerdict } from './labeller-verdict';
import { phaseTimings } from './phase-timings';
import { pickQuestions } from './pick-questions';
import { outcomeLabel, zoneLabel } from './question-labels';
import { questionRow } from './question-row';
import type { KtoCurve, ReportModel, ReportSources, RoundQuestions } from './report-model';

const ENTROPY_BINS = 10;
/** Questions whose two refinements both ran to an outcome. */
const refined = (s: RoundSummary) => s.icc_converged + s.icc_diverged + s.icc_unconfirmed;
/** Questions per round embedded in the page: enough to browse every zone and outcome, few enough to keep the file small. */
export const QUESTIONS_PER_ROUND = 40;

/** The report's data from a run's journal: one entry per round, round 0 being the initial model. */
export function buildReportModel({ view, events, readRecord }: ReportSources): ReportModel {
  const run = toRunMessage(view);
  const { aero, evaluation } = view.meta.config;
  const summaries = run.round_summaries;
  const rounds = summaries.map((s) => s.round);
  const progress = rounds.map((r) => roundProgressOf(view, r));
  const allRounds = [0, ...rounds];
  const evaluationAt = (benchmark: string, round: number) => view.rounds.get(round)?.evaluations.get(benchmark);
  const icc = summaries.map((s) => ({
    convergence: refined(s) ? s.icc_converged / refined(s) : undefined,
    iccAccuracy: s.icc_accuracy,
    majorityAccuracy: s.majority_accuracy,
    judged: s.icc_judged,
  }));

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
      { label: 'ICC consensus', value: aero.icc_consensus },
      // Runs recorded before the floor existed have none in their config.
      { label: 'ICC min support', value: aero.icc_min_support ? `${aero.icc_min_support} of the samples` : 'any' },
      { label: 'refiner temperature', value: String(aero.temperatures.refiner) },
      { label: 'seed', value: String(aero.seed) },
      { label: 'initial model', value: view.meta.config.engine.model },
    ],
    metricsUrl: view.metricsUrl,
    config: view.meta.config,
    overrides: view.meta.overrides,
    versions: view.meta.versions ?? {},
    rounds,
    accuracy: evaluation.benchmarks.map(({ name }) => {
      const groups = [...new Set(allRounds.flatMap((r) => Object.keys(evaluationAt(name, r)?.by_level ?? {})))].sort();
      return {
        benchmark: name,
        byRound: allRounds.map((r) => evaluationAt(name, r)?.pass_at_1),
        groups: groups.map((group) => ({ group, byRound: allRounds.map((r) => evaluationAt(name, r)?.by_level[group]) })),
      };
    }),
    statusShares: summaries.map((s) => statusShares(s)),
    entropyHistogram: progress.map((p) => {
      const bins = new Array<number>(ENTROPY_BINS).fill(0);
      const recorded = [...p.recorded.values()].filter((q) => q.answered > 0);
      for (const q of recorded) bins[Math.min(ENTROPY_BINS - 1, Math.floor(q.normalized_entropy * ENTROPY_BINS))]++;
      return bins.map((b) => b / Math.max(1, recorded.length));
    }),
    loop: summaries.map((s) => ({
      wellFormed: s.well_formed,
      zpdShare: s.zpd / Math.max(1, s.questions),
      zpdMedianSize: s.zpd_median_size,
      identicalRefinements: s.identical_refinements,
      heldOut: s.held_out,
    })),
    questionSizes: sizeShares(summaries.map((s) => s.question_sizes)),
    zpdSizes: sizeShares(summaries.map((s) => s.zpd_sizes)),
    icc,
    labellerVerdict: labellerVerdict(icc, aero.labeller),
    examples: summaries.map((s) => s.examples),
    datasets: progress.map((p) => p.dataset),
    kto: progress.map((p) => ktoCurve(lastAttempt(p.training))),
    timings: phaseTimings(events),
    questions: progress.map((p) => roundQuestions(p, readRecord)),
  };
}

/** Sizes seen in any round, ascending, and per round the share of its questions of each. */
function sizeShares(bySize: readonly RoundSummary['question_sizes'][]): ReportModel['zpdSizes'] {
  const sizes = [...new Set(bySize.flatMap((counts) => Object.keys(counts).map(Number)))].sort((a, b) => a - b);
  return {
    sizes,
    byRound: bySize.map((counts) => {
      const total = Math.max(1, Object.values(counts).reduce((a, b) => a + b, 0));
      return sizes.map((size) => (counts[size] ?? 0) / total);
    }),
  };
}

function ktoCurve(training: readonly TrainProgress[]): KtoCurve {
  return {
    steps: training.map((t) => t.current_steps),
    loss: training.map((t) => t.loss),
    lr: training.map((t) => t.lr),
    kl: training.map((t) => t.kl),
    rewardsChosen: training.map((t) => t.rewards_chosen),
    rewardsRejected: training.map((t) => t.rewards_rejected),
  };
}

/** A few of the round's questions, chosen across zones and outcomes from the journal, then read from the store. */
function roundQuestions(progress: RoundProgress, readRecord: ReportSources['readRecord']): RoundQuestions {
  const recorded = [...progress.recorded.values()];
  const zones = new Map<string, number>();
  for (const q of recorded) zones.set(zoneLabel(q.status), (zones.get(zoneLabel(q.status)) ?? 0) + 1);
  const picked = pickQuestions(
    recorded.map((q) => ({ id: q.question_id, group: `${zoneLabel(q.status)}/${outcomeLabel(q.icc_outcome, q.rejected_reason)}` })),
    QUESTIONS_PER_ROUND,
  );
  return {
    round: progress.round,
    total: recorded.length,
    zones: [...zones].map(([zone, count]) => ({ zone, count })).sort((a, b) => a.zone.localeCompare(b.zone)),
    rows: picked.flatMap((id) => {
      const record = readRecord(progress.round, id);
      return record ? [questionRow(record)] : [];
    }),
  };
}

/** A job restarted after a crash logs from step 1 again; the curve shows the attempt that finished. */
function lastAttempt(training: readonly TrainProgress[]): readonly TrainProgress[] {
  const restart = training.findLastIndex((t, i) => i > 0 && t.current_steps <= training[i - 1].current_steps);
  return restart < 0 ? training : training.slice(restart);
}
