import type { Run, RoundSummary } from '@aero/contracts';

/** One finished run of a sweep: which override set, which seed. */
export interface SweepRun {
  set: string;
  seed: number;
  run: Run;
  minutes: number;
}

type PerRound = (s: RoundSummary) => number | undefined;

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const minus = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : a - b);
const pct = (x: number): string => (100 * x).toFixed(1);

/** "mean (min–max)" of the defined values, in percent; "–" when there are none. */
function spread(values: readonly (number | undefined)[]): string {
  const xs = values.filter((v): v is number => v !== undefined);
  if (xs.length === 0) return '–';
  if (xs.length === 1) return pct(xs[0]);
  return `${pct(mean(xs))} (${pct(Math.min(...xs))}–${pct(Math.max(...xs))})`;
}

function table(headers: string[], rows: string[][]): string {
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** Pass@1 of the first benchmark after each round, round 0 being the initial model. */
function curve(run: Run): (number | undefined)[] {
  return [run.baseline[0]?.pass_at_1, ...run.round_summaries.map((s) => s.evaluations[0]?.pass_at_1)];
}

/**
 * The sweep's tables in Markdown, sets in their order: accuracy per round (mean over seeds with the
 * spread), the gain of each round, ICC against majority vote, and what the inner loop saw.
 */
export function sweepTables(runs: readonly SweepRun[], benchmark: string): string {
  const sets = [...new Set(runs.map((r) => r.set))];
  const of = (set: string) => runs.filter((r) => r.set === set);
  const rounds = Math.max(0, ...runs.map((r) => r.run.round_summaries.length));
  const roundHeaders = Array.from({ length: rounds }, (_, i) => `R${i + 1}`);
  const perRound = (set: string, f: PerRound) =>
    roundHeaders.map((_, i) => spread(of(set).map((r) => (r.run.round_summaries[i] ? f(r.run.round_summaries[i]) : undefined))));

  const accuracy = table(
    ['set', 'seeds', 'R0', ...roundHeaders, 'last − R0', 'minutes'],
    sets.map((set) => {
      const curves = of(set).map((r) => curve(r.run));
      const at = (i: number) => spread(curves.map((c) => c[i]));
      const gains = curves.map((c) => {
        const last = c.findLastIndex((v) => v !== undefined);
        return last > 0 ? minus(c[last], c[0]) : undefined;
      });
      return [set, of(set).map((r) => r.seed).join(','), at(0), ...roundHeaders.map((_, i) => at(i + 1)), spread(gains), mean(of(set).map((r) => r.minutes)).toFixed(1)];
    }),
  );
  const gains = table(
    ['set', ...roundHeaders.map((h, i) => `${h} − R${i}`)],
    sets.map((set) => {
      const curves = of(set).map((r) => curve(r.run));
      return [set, ...roundHeaders.map((_, i) => spread(curves.map((c) => minus(c[i + 1], c[i]))))];
    }),
  );
  const icc = table(
    ['set', ...roundHeaders.map((h) => `${h} ICC / majority`)],
    sets.map((set) => [set, ...roundHeaders.map((_, i) => {
      const summaries = of(set).map((r) => r.run.round_summaries[i]).filter((s): s is RoundSummary => s !== undefined);
      return `${spread(summaries.map((s) => s.icc_accuracy))} / ${spread(summaries.map((s) => s.majority_accuracy))}`;
    })]),
  );
  const loop = table(
    ['set', 'measure', ...roundHeaders],
    sets.flatMap((set) => [
      [set, 'in ZPD', ...perRound(set, (s) => s.zpd / Math.max(1, s.questions))],
      [set, 'ZPD median size', ...roundHeaders.map((_, i) => {
        const sizes = of(set).map((r) => r.run.round_summaries[i]?.zpd_median_size).filter((v): v is number => v !== undefined);
        return sizes.length ? mean(sizes).toFixed(1) : '–';
      })],
      [set, 'well-formed', ...perRound(set, (s) => s.well_formed)],
      [set, 'identical refinements', ...perRound(set, (s) => s.identical_refinements)],
    ]),
  );
  return [
    `### ${benchmark}: greedy pass@1 per round, % (mean over seeds, min–max)\n\n${accuracy}`,
    `### Gain of each round, points\n\n${gains}`,
    `### ICC consensus right vs majority vote right on the same questions, %\n\n${icc}`,
    `### Inner loop, %\n\n${loop}`,
  ].join('\n\n');
}
