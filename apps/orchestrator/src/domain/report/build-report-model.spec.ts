import { Phase, QuestionStatus } from '@aero/contracts';
import { reportSources } from '../../testing/report-fixture';
import { roundProgressOf } from '../round-progress-of';
import { buildReportModel } from './build-report-model';

describe('buildReportModel', () => {
  const model = buildReportModel(reportSources());

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
    const sources = reportSources();
    const unanswered = { ...[...roundProgressOf(sources.view, 1).recorded.values()][0], question_id: 'r1-q0099', status: QuestionStatus.QUESTION_STATUS_CHAOS, normalized_entropy: 0, answered: 0 };
    roundProgressOf(sources.view, 1).recorded.set(unanswered.question_id, unanswered);
    const [round1] = buildReportModel(sources).entropyHistogram;
    expect(round1[0]).toBe(0);
    expect(round1[1]).toBeCloseTo(1 / 3);
  });

  it('shares the generated questions of each round by size, as the ZPD ones', () => {
    expect(model.questionSizes).toEqual({ sizes: [3, 4, 5], byRound: [[2 / 3, 1 / 3, 0], [2 / 3, 0, 1 / 3]] });
    expect(model.zpdSizes).toEqual({ sizes: [4, 5], byRound: [[1, 0], [0, 1]] });
  });

  it("keeps each round's dataset and what the trainer logged per step, KL and rewards where it logged them", () => {
    expect(model.datasets.map((d) => d?.dataset)).toEqual(['aero_r1', 'aero_r2']);
    expect(model.kto).toEqual([
      { steps: [1, 2], loss: [0.69, 0.61], lr: [0.001, 0.001], kl: [0, 0.02], rewardsChosen: [0, 0.12], rewardsRejected: [0, -0.2] },
      { steps: [1, 2], loss: [0.66, 0.52], lr: [0.001, 0.001], kl: [undefined, undefined], rewardsChosen: [undefined, undefined], rewardsRejected: [undefined, undefined] },
    ]);
  });

  it('shows only the last attempt of a training job that was restarted', () => {
    const sources = reportSources();
    const round2 = roundProgressOf(sources.view, 2);
    round2.training = [1, 2, 1, 2, 3].map((step, i) => ({ ...round2.training[0], current_steps: step, loss: i }));
    expect(buildReportModel(sources).kto[1]).toMatchObject({ steps: [1, 2, 3], loss: [2, 3, 4] });
  });

  it('times the phases from the journal, round 0 being the start and the initial evaluation', () => {
    const [initial, round1] = model.timings;
    expect(initial).toEqual({
      round: 0,
      phases: [
        { phase: Phase.PHASE_UNSPECIFIED, seconds: 1 },
        { phase: Phase.PHASE_EVALUATING, seconds: 2, items: { count: 10, unit: 'problems' } },
      ],
      seconds: 3,
    });
    expect(round1.phases.map((p) => p.phase)).toEqual([
      Phase.PHASE_GENERATING, Phase.PHASE_SYNTHESIZING, Phase.PHASE_BUILDING_DATASET, Phase.PHASE_TRAINING, Phase.PHASE_SERVING, Phase.PHASE_EVALUATING,
    ]);
    expect(round1.phases[1]).toEqual({ phase: Phase.PHASE_SYNTHESIZING, seconds: 4, items: { count: 3, unit: 'questions' } });
  });

  it("embeds the questions of each round from their records, with the round's count per zone", () => {
    expect(model.questions.map((q) => [q.round, q.total, q.rows.map((r) => r.id)])).toEqual([
      [1, 3, ['r1-q0000', 'r1-q0001', 'r1-q0002']],
      [2, 3, ['r2-q0000', 'r2-q0001', 'r2-q0002']],
    ]);
    expect(model.questions[0].zones).toEqual([{ zone: 'chaos', count: 1 }, { zone: 'mastery', count: 1 }, { zone: 'zpd', count: 1 }]);
  });

  it('leaves out a question whose record is missing', () => {
    const sources = reportSources();
    const model = buildReportModel({ ...sources, readRecord: (round, id) => (id === 'r1-q0001' ? undefined : sources.readRecord(round, id)) });
    expect(model.questions[0]).toMatchObject({ total: 3, rows: [{ id: 'r1-q0000' }, { id: 'r1-q0002' }] });
  });

  it('says which labeller won, and records the config, overrides and versions (none recorded here)', () => {
    expect(model.labellerVerdict).toMatch(/^No round has a converged question with a known answer/);
    expect(model.config.aero.rounds).toBe(2);
    expect(model.overrides).toEqual({});
    expect(model.versions).toEqual({});
  });
});
