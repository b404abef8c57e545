import type { Evaluation, RoundSummary, Run } from '@aero/contracts';
import type { ChartSpec } from '../report/chart-spec';

/** A heading and its charts; every chart has one series per run, in the runs' order, so a run keeps its colour throughout. */
export interface CompareSection {
  heading: string;
  charts: ChartSpec[];
}

/** A run under the name its lines carry. */
export interface LabelledRun {
  label: string;
  run: Run;
  /** Evaluations of the initial model at index 0, then after each round. */
  evaluations: Evaluation[][];
}

const byLevel = new Intl.Collator('en', { numeric: true }).compare;

/**
 * The runs' curves overlaid: per benchmark, greedy pass@1 per round (round 0 = the initial model)
 * and per level at each run's last evaluated round; per round, the ZPD share, ICC's and majority
 * vote's accuracy on the same questions, and the generator's well-formed share. A value a run lacks
 * (a round it did not reach, a round without questions) is a gap, never a zero. Axes zoom onto the
 * values: runs a point apart are what a comparison is for.
 */
export function compareCharts(runs: readonly LabelledRun[]): CompareSection[] {
  const rounds = Math.max(0, ...runs.flatMap(({ run, evaluations }) => [evaluations.length - 1, ...run.round_summaries.map((s) => s.round)]));
  const roundLabels = Array.from({ length: rounds }, (_, i) => `round ${i + 1}`);
  const benchmarks = [...new Set(runs.flatMap(({ evaluations }) => evaluations.flat().map((e) => e.benchmark)))];
  const perRound = (title: string, value: (s: RoundSummary) => number | undefined): ChartSpec => ({
    title,
    categories: roundLabels,
    percent: true,
    zoom: true,
    series: runs.map(({ label, run }) => ({
      name: label,
      values: roundLabels.map((_, i) => {
        const summary = run.round_summaries.find((s) => s.round === i + 1);
        return summary ? value(summary) : undefined;
      }),
    })),
  });
  const ofQuestions = (count: (s: RoundSummary) => number) => (s: RoundSummary) => (s.questions > 0 ? count(s) / s.questions : undefined);

  const wellFormed = perRound('Generator outputs well-formed (share of the questions)', (s) => s.well_formed);
  return [
    {
      heading: 'Benchmark accuracy',
      charts: benchmarks.flatMap((benchmark) => {
        const evaluations = runs.map((run) => ['initial', ...roundLabels].map((_, r) => run.evaluations[r]?.find((e) => e.benchmark === benchmark)));
        const last = evaluations.map((byRound) => byRound.findLast((e) => e !== undefined));
        const levels = [...new Set(last.flatMap((e) => Object.keys(e?.by_level ?? {})))].sort(byLevel);
        return [
          {
            title: `${benchmark}: greedy pass@1 per round`,
            categories: ['initial', ...roundLabels],
            percent: true,
            zoom: true,
            series: runs.map(({ label }, r) => ({ name: label, values: evaluations[r].map((e) => e?.pass_at_1) })),
          },
          {
            title: `${benchmark}: pass@1 per level at the last evaluated round`,
            categories: levels,
            percent: true,
            zoom: true,
            series: runs.map(({ label }, r) => ({ name: label, values: levels.map((level) => last[r]?.by_level[level]) })),
          },
        ];
      }),
    },
    {
      heading: 'Inner loop',
      charts: [
        perRound('Questions in the ZPD (share of the questions)', ofQuestions((s) => s.zpd)),
        perRound('ICC consensus correct (converged, with ground truth)', (s) => s.icc_accuracy),
        perRound('Majority vote correct (the same questions)', (s) => s.majority_accuracy),
        ...(wellFormed.series.some((s) => s.values.some((v) => v !== undefined)) ? [wellFormed] : []),
      ],
    },
  ];
}
