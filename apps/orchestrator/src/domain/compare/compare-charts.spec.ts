import { Evaluation, RoundSummary, Run } from '@aero/contracts';
import { compareCharts } from './compare-charts';

const evaluation = (round: number, pass: number, byLevel: Record<string, number> = {}) =>
  Evaluation.fromPartial({ benchmark: 'arithmetic', round, pass_at_1: pass, problems: 10, by_level: byLevel });
const summary = (round: number, fields: Partial<RoundSummary>) => RoundSummary.fromPartial({ round, questions: 10, zpd: 2, parsed: 9, well_formed: 0.9, ...fields });

// Two rounds, the second unfinished (no evaluation yet); and three finished rounds.
const short = {
  label: 'A',
  run: Run.fromPartial({ id: 'a', round_summaries: [summary(1, { icc_accuracy: 0.8, majority_accuracy: 0.7 }), summary(2, { questions: 0, zpd: 0, parsed: 0, well_formed: undefined })] }),
  evaluations: [[evaluation(0, 0.4, { 'level 2': 0.5, 'level 10': 0.1 })], [evaluation(1, 0.45, { 'level 2': 0.6, 'level 10': 0.2 })], []],
};
const long = {
  label: 'B',
  run: Run.fromPartial({ id: 'b', round_summaries: [1, 2, 3].map((r) => summary(r, { zpd: r })) }),
  evaluations: [evaluation(0, 0.4, { 'level 2': 0.5 }), ...[0.41, 0.42, 0.43].map((pass, i) => evaluation(i + 1, pass, { 'level 2': [0.6, 0.7, 0.8][i], 'level 9': 0.3 }))].map((e) => [e]),
};
const sections = compareCharts([short, long]);
const chart = (title: string) => sections.flatMap((s) => s.charts).find((c) => c.title.startsWith(title));

describe('compareCharts', () => {
  it('overlays pass@1 per round from the initial model to the last round any run reached', () => {
    expect(chart('arithmetic: greedy pass@1')).toMatchObject({
      categories: ['initial', 'round 1', 'round 2', 'round 3'],
      percent: true,
      series: [
        { name: 'A', values: [0.4, 0.45, undefined, undefined] },
        { name: 'B', values: [0.4, 0.41, 0.42, 0.43] },
      ],
    });
  });

  it("compares the levels at each run's last evaluated round, levels in numeric order", () => {
    expect(chart('arithmetic: pass@1 per level')).toMatchObject({
      categories: ['level 2', 'level 9', 'level 10'],
      series: [
        { name: 'A', values: [0.6, undefined, 0.2] },
        { name: 'B', values: [0.8, 0.3, undefined] },
      ],
    });
  });

  it('draws shares of the questions per round, a round without questions as a gap rather than 0', () => {
    expect(chart('Questions in the ZPD')?.series.map((s) => s.values)).toEqual([
      [0.2, undefined, undefined],
      [0.1, 0.2, 0.3],
    ]);
    expect(chart('Generator outputs well-formed')?.series[0].values).toEqual([0.9, undefined, undefined]);
    expect(chart('ICC consensus correct')?.series[0].values).toEqual([0.8, undefined, undefined]);
    expect(chart('Majority vote correct')?.series.map((s) => s.values[0])).toEqual([0.7, undefined]);
  });

  it('gives every chart one series per run in the same order, so a run keeps its colour', () => {
    const charts = sections.flatMap((s) => s.charts);
    expect(charts).toHaveLength(6);
    for (const c of charts) expect(c.series.map((s) => s.name)).toEqual(['A', 'B']);
  });

  it('leaves out the well-formed chart when no run has generated questions', () => {
    const empty = { run: Run.fromPartial({ id: 'c' }), evaluations: [[evaluation(0, 0.4)]] };
    const titles = compareCharts([{ label: 'C', ...empty }, { label: 'D', ...empty }]).flatMap((s) => s.charts.map((c) => c.title));
    expect(titles.some((t) => t.startsWith('Generator'))).toBe(false);
    expect(titles).toContain('arithmetic: greedy pass@1 per round');
  });
});
