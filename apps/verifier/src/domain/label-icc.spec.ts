import { IccOutcome, QuestionStatus, Role, type Cluster, type KtoExample } from '@aero/contracts';
import { iccFixture, refinementOf, SOLVER_PROMPT } from '../testing/icc-fixture';
import type { IccEvidence, IccQuestion } from './icc-types';
import { labelIcc } from './label-icc';

// 16 samples: 10 say 18, 3 say 19, 2 say 20, one has no box (normalised entropy in the ZPD).
const zpd = (solverLabels: 'code' | 'paper' = 'code') =>
  iccFixture({ groups: [['18', 10], ['19', 3], ['20', 2]], failures: 1, solverLabels });

function unrefined(by: 'majority' | 'oracle', consensus: string, c1: Cluster, c2: Cluster): IccEvidence {
  return { kind: 'unrefined', by, consensus, c1, c2, agreeing: new Set([c1, c2].filter((c) => c.key === consensus).map((c) => c.key)) };
}

function refined(q: IccQuestion, agreeing: string[], converged = true): Extract<IccEvidence, { kind: 'refined' }> {
  const [c1, c2] = q.analysis.clusters;
  return {
    kind: 'refined',
    c1,
    c2,
    r1: refinementOf(c1.representative, '12+7=19\n\\boxed{19}', '19'),
    r2: refinementOf(c2.representative, '7+12=19\n\\boxed{19}', '19'),
    converged,
    agreeing: new Set(agreeing),
    solverAgreeing: new Set(agreeing),
  };
}

/** role, label, completion and source of each example, generator first. */
const summary = (examples: KtoExample[]) =>
  examples.map((e) => [Role[e.role], e.label, e.completion, e.provenance?.source, e.provenance?.sample_index]);

describe('labelIcc', () => {
  it('not in the ZPD: the generator example alone, undesirable', () => {
    const q = iccFixture({ groups: [['19', 16]], status: QuestionStatus.QUESTION_STATUS_MASTERY });
    const result = labelIcc(q, { kind: 'skip', outcome: IccOutcome.ICC_OUTCOME_SKIPPED_NOT_ZPD });
    expect(result).toEqual({
      outcome: IccOutcome.ICC_OUTCOME_SKIPPED_NOT_ZPD,
      consensus: '',
      c1_ok: false,
      c2_ok: false,
      refinements: [],
      examples: [
        {
          role: Role.ROLE_GENERATOR,
          label: false,
          prompt: 'Write a problem as JSON.\n',
          completion: '{"question":"12+7"}',
          provenance: { run_id: 'run-a', round: 2, question_id: 'r2-q0007', cluster_keys: [], source: 'generator', sample_index: undefined },
        },
      ],
    });
  });

  it('one cluster in the ZPD: skipped, the generator example desirable', () => {
    const q = iccFixture({ groups: [['19', 6]], failures: 10 });
    const result = labelIcc(q, { kind: 'skip', outcome: IccOutcome.ICC_OUTCOME_SKIPPED_ONE_CLUSTER });
    expect(result.outcome).toBe(IccOutcome.ICC_OUTCOME_SKIPPED_ONE_CLUSTER);
    expect(summary(result.examples)).toEqual([['ROLE_GENERATOR', true, '{"question":"12+7"}', 'generator', undefined]]);
  });

  it('no convergence: both refinements reported, no solver or refiner example, no consensus', () => {
    const q = zpd();
    const result = labelIcc(q, refined(q, [], false));
    expect(result.outcome).toBe(IccOutcome.ICC_OUTCOME_DIVERGED);
    expect([result.consensus, result.c1_ok, result.c2_ok]).toEqual(['', false, false]);
    expect(result.refinements.map((r) => r.cluster_key)).toEqual(['18', '19']);
    expect(summary(result.examples)).toEqual([['ROLE_GENERATOR', true, '{"question":"12+7"}', 'generator', undefined]]);
  });

  it('c1 right: r1 rewarded, s2 punished, r2 rewarded as a correction', () => {
    const q = zpd();
    const result = labelIcc(q, refined(q, ['18']));
    expect([result.outcome, result.consensus, result.c1_ok, result.c2_ok]).toEqual([IccOutcome.ICC_OUTCOME_CONVERGED, '19', true, false]);
    expect(summary(result.examples)).toEqual([
      ['ROLE_GENERATOR', true, '{"question":"12+7"}', 'generator', undefined],
      ['ROLE_SOLVER', true, '12+7=19\n\\boxed{19}', 'icc.r1', undefined],
      ['ROLE_SOLVER', false, q.samples[10].text, 'icc.s2', 10],
      ['ROLE_REFINER', true, '7+12=19\n\\boxed{19}', 'icc.r2', undefined],
    ]);
  });

  it('c2 right: r1 rewarded, s1 punished, r1 rewarded as a correction', () => {
    const q = zpd();
    const result = labelIcc(q, refined(q, ['19']));
    expect([result.c1_ok, result.c2_ok]).toEqual([false, true]);
    expect(summary(result.examples)).toEqual([
      ['ROLE_GENERATOR', true, '{"question":"12+7"}', 'generator', undefined],
      ['ROLE_SOLVER', true, '12+7=19\n\\boxed{19}', 'icc.r1', undefined],
      ['ROLE_SOLVER', false, q.samples[0].text, 'icc.s1', 0],
      ['ROLE_REFINER', true, '12+7=19\n\\boxed{19}', 'icc.r1', undefined],
    ]);
  });

  it('both wrong: r1 rewarded, s1 and s2 punished, both refinements rewarded', () => {
    const q = zpd();
    const result = labelIcc(q, refined(q, []));
    expect([result.outcome, result.c1_ok, result.c2_ok]).toEqual([IccOutcome.ICC_OUTCOME_CONVERGED, false, false]);
    expect(summary(result.examples)).toEqual([
      ['ROLE_GENERATOR', true, '{"question":"12+7"}', 'generator', undefined],
      ['ROLE_SOLVER', true, '12+7=19\n\\boxed{19}', 'icc.r1', undefined],
      ['ROLE_SOLVER', false, q.samples[0].text, 'icc.s1', 0],
      ['ROLE_SOLVER', false, q.samples[10].text, 'icc.s2', 10],
      ['ROLE_REFINER', true, '12+7=19\n\\boxed{19}', 'icc.r1', undefined],
      ['ROLE_REFINER', true, '7+12=19\n\\boxed{19}', 'icc.r2', undefined],
    ]);
  });

  it('trains the solver on the exact solver prompt and the refiner on the exact refiner prompt', () => {
    const q = zpd();
    const evidence = refined(q, []);
    const { examples } = labelIcc(q, evidence);
    for (const e of examples.filter((x) => x.role === Role.ROLE_SOLVER)) expect(e.prompt).toBe(SOLVER_PROMPT);
    const refinerPrompts = examples.filter((x) => x.role === Role.ROLE_REFINER).map((x) => x.prompt);
    expect(refinerPrompts).toEqual([evidence.r1.prompt, evidence.r2.prompt]);
    expect(refinerPrompts[0]).toBe(`Solve 12+7\nSuspect:\n${q.samples[0].text}\nRedo:\n`);
  });

  it('records run, round, question and the keys of c1 and c2 on every ICC example', () => {
    const q = zpd();
    const { examples } = labelIcc(q, refined(q, ['19']));
    for (const e of examples.slice(1)) {
      expect(e.provenance).toMatchObject({ run_id: 'run-a', round: 2, question_id: 'r2-q0007', cluster_keys: ['18', '19'] });
    }
  });

  it('paper labels: every sample labelled by agreement with the consensus, parse failures undesirable', () => {
    const q = zpd('paper');
    const result = labelIcc(q, refined(q, ['19']));
    const solver = result.examples.filter((e) => e.role === Role.ROLE_SOLVER);
    expect(solver).toHaveLength(16);
    expect(solver.map((e) => e.provenance?.sample_index)).toEqual([...Array(16).keys()]);
    expect(solver.map((e) => e.label)).toEqual([...Array(10).fill(false), true, true, true, false, false, false]);
    expect(solver.every((e) => e.prompt === SOLVER_PROMPT && e.provenance?.source === 'paper.sample')).toBe(true);
    expect(solver.map((e) => e.completion)).toEqual(q.samples.map((s) => s.text));
    expect(summary(result.examples.filter((e) => e.role === Role.ROLE_REFINER))).toEqual([
      ['ROLE_REFINER', true, '12+7=19\n\\boxed{19}', 'icc.r1', undefined],
    ]);
  });

  it('paper labels: an empty sample gives no example, with ICC and with the majority labeller', () => {
    const q = zpd('paper');
    const emptied = { ...q, samples: q.samples.map((s) => (s.index === 15 ? { ...s, text: '' } : s)) };
    const [c1, c2] = q.analysis.clusters;
    for (const evidence of [refined(emptied, ['19']), unrefined('majority', '18', c1, c2)]) {
      const solver = labelIcc(emptied, evidence).examples.filter((e) => e.role === Role.ROLE_SOLVER);
      expect(solver.map((e) => e.provenance?.sample_index)).toEqual([...Array(15).keys()]);
      expect(solver.every((e) => e.completion !== '')).toBe(true);
    }
  });

  it('paper labels: a consensus matching no cluster punishes every sample', () => {
    const q = zpd('paper');
    const result = labelIcc(q, refined(q, []));
    expect(result.examples.filter((e) => e.role === Role.ROLE_SOLVER).every((e) => !e.label)).toBe(true);
    expect(result.examples.filter((e) => e.role === Role.ROLE_REFINER)).toHaveLength(2);
  });

  it('majority labeller: the largest cluster\'s representative rewarded, the second\'s punished, no refiner example', () => {
    const q = zpd('code');
    const [c1, c2] = q.analysis.clusters;
    const result = labelIcc(q, unrefined('majority', '18', c1, c2));
    expect([result.outcome, result.consensus, result.c1_ok, result.c2_ok]).toEqual([IccOutcome.ICC_OUTCOME_MAJORITY, '18', true, false]);
    expect(result.refinements).toEqual([]);
    expect(summary(result.examples)).toEqual([
      ['ROLE_GENERATOR', true, '{"question":"12+7"}', 'generator', undefined],
      ['ROLE_SOLVER', true, q.samples[0].text, 'majority.s1', 0],
      ['ROLE_SOLVER', false, q.samples[10].text, 'majority.s2', 10],
    ]);
  });

  it('oracle labeller: each top cluster\'s representative labelled by the known answer, no refiner example', () => {
    const q = zpd('code');
    const [c1, c2] = q.analysis.clusters;
    const result = labelIcc(q, unrefined('oracle', '19', c1, c2));
    expect([result.outcome, result.consensus, result.c1_ok, result.c2_ok]).toEqual([IccOutcome.ICC_OUTCOME_ORACLE, '19', false, true]);
    expect(result.refinements).toEqual([]);
    expect(summary(result.examples)).toEqual([
      ['ROLE_GENERATOR', true, '{"question":"12+7"}', 'generator', undefined],
      ['ROLE_SOLVER', false, q.samples[0].text, 'oracle.s1', 0],
      ['ROLE_SOLVER', true, q.samples[10].text, 'oracle.s2', 10],
    ]);
  });

  it('oracle labeller with paper labels: a known answer no cluster holds punishes every sample', () => {
    const q = zpd('paper');
    const [c1, c2] = q.analysis.clusters;
    const result = labelIcc(q, unrefined('oracle', '21', c1, c2));
    const solver = result.examples.filter((e) => e.role === Role.ROLE_SOLVER);
    expect([result.outcome, result.consensus, result.c1_ok, result.c2_ok]).toEqual([IccOutcome.ICC_OUTCOME_ORACLE, '21', false, false]);
    expect(solver).toHaveLength(16);
    expect(solver.every((e) => !e.label)).toBe(true);
  });
});
