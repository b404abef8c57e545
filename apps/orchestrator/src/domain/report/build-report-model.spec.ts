import { QuestionStatus } from '@aero/contracts';
import { reportFixture } from '../../testing/report-fixture';
import { roundProgressOf } from '../round-progress-of';
import { buildReportModel } from './build-report-model';

describe('buildReportModel', () => {
  const model = buildReportModel(reportFixture());

  it('has accuracy from the initial model (round 0) through the last round, overall and per level', () => {
    expect(model.rounds).toEqual([1, 2]);
    expect(model.accuracy).toEqual([
      { benchmark: 'arithmetic', byRound: [0.4, 0.45, 0.5], groups: [{ group: 'level 1', byRound: [0.4, 0.45, 0.5] }] },
    ]);
  });

  it('turns round summaries into status shares and ICC convergence', () => {
    expect(model.statusShares).toEqual([
      { mastery: 1 / 3, zpd: 1 / 3, chaos: 1 / 3 },
      { mastery: 1 / 3, zpd: 1 / 3, chaos: 1 / 3 },
    ]);
    expect(model.icc.map((i) => i.convergence)).toEqual([1, 1]);
  });

  it('bins the normalised entropy of each round\'s questions into ten shares that sum to one', () => {
    const [round1] = model.entropyHistogram;
    expect(round1).toHaveLength(10);
    expect(round1[1]).toBeCloseTo(1 / 3);
    expect(round1[4]).toBeCloseTo(1 / 3);
    expect(round1[9]).toBeCloseTo(1 / 3);
    for (const bins of model.entropyHistogram) expect(bins.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });

  it('leaves questions without any answer out of the entropy histogram', () => {
    const view = reportFixture();
    const unanswered = { ...[...roundProgressOf(view, 1).recorded.values()][0], question_id: 'r1-q0099', status: QuestionStatus.QUESTION_STATUS_CHAOS, normalized_entropy: 0, answered: 0 };
    roundProgressOf(view, 1).recorded.set(unanswered.question_id, unanswered);
    const [round1] = buildReportModel(view).entropyHistogram;
    expect(round1[0]).toBe(0);
    expect(round1[1]).toBeCloseTo(1 / 3);
  });

  it('keeps each round\'s training losses and dataset', () => {
    expect(model.losses).toEqual([[0.69, 0.61], [0.66, 0.52]]);
    expect(model.datasets.map((d) => d?.dataset)).toEqual(['aero_r1', 'aero_r2']);
  });

  it('shows only the last attempt of a training job that was restarted', () => {
    const view = reportFixture();
    const round2 = roundProgressOf(view, 2);
    round2.training = [1, 2, 1, 2, 3].map((step, i) => ({ ...round2.training[0], current_steps: step, loss: i }));
    expect(buildReportModel(view).losses[1]).toEqual([2, 3, 4]);
  });
});
