import { IccOutcome, QuestionStatus } from '@aero/contracts';
import { iccFixture, refinementOf } from '../testing/icc-fixture';
import type { Labelling } from './icc-types';
import { verifyQuestion, type IccPorts } from './verify-question';

/**
 * Ports over plain functions: the refiner answers what `answerFor` says about the candidate it
 * was given; equivalence is numeric equality of the answers.
 */
function ports(answerFor: (candidate: string) => string | undefined) {
  const refined: { candidate: string; seed: number | undefined }[] = [];
  const compared: [string, string][] = [];
  const p: IccPorts = {
    refine: async (candidate, seed) => {
      refined.push({ candidate, seed });
      const answer = answerFor(candidate);
      return refinementOf(candidate, answer === undefined ? 'lost' : `\\boxed{${answer}}`, answer);
    },
    equivalent: async (a, b) => {
      compared.push([a, b]);
      return Number(a) === Number(b);
    },
  };
  return { p, refined, compared };
}

const question = (solverLabels: 'code' | 'paper' = 'code', labeller: Labelling = 'icc', truth?: string) =>
  iccFixture({ groups: [['18', 10], ['19', 3], ['20', 2], ['19.0', 1]], solverLabels, labeller, truth });

describe('verifyQuestion', () => {
  it('calls no other service for a question outside the ZPD', async () => {
    const { p, refined, compared } = ports(() => '19');
    const q = iccFixture({ groups: [['19', 16]], status: QuestionStatus.QUESTION_STATUS_MASTERY });
    expect((await verifyQuestion(q, p, 1)).outcome).toBe(IccOutcome.ICC_OUTCOME_SKIPPED_NOT_ZPD);
    expect([refined, compared]).toEqual([[], []]);
  });

  it('refines each representative on its own, r1 with the seed and r2 with seed + 1', async () => {
    const { p, refined } = ports(() => '19');
    const q = question();
    await verifyQuestion(q, p, 40);
    expect(refined).toEqual([
      { candidate: q.analysis.clusters[0].representative, seed: 40 },
      { candidate: q.analysis.clusters[1].representative, seed: 41 },
    ]);
  });

  it('leaves both seeds unset when the request has none', async () => {
    const { p, refined } = ports(() => '19');
    await verifyQuestion(question(), p);
    expect(refined.map((r) => r.seed)).toEqual([undefined, undefined]);
  });

  it('diverges without comparing when a refinement has no answer', async () => {
    const { p, compared } = ports((candidate) => (candidate.includes('=18') ? undefined : '19'));
    const result = await verifyQuestion(question(), p, 1);
    expect(result.outcome).toBe(IccOutcome.ICC_OUTCOME_DIVERGED);
    expect(compared).toEqual([]);
  });

  it('diverges when the two answers differ', async () => {
    const { p, compared } = ports((candidate) => (candidate.includes('=18') ? '18' : '19'));
    const result = await verifyQuestion(question(), p, 1);
    expect(result.outcome).toBe(IccOutcome.ICC_OUTCOME_DIVERGED);
    expect(compared).toEqual([['18', '19']]);
  });

  it('code labels: compares a1 with a2, then only the keys of c1 and c2 with a*', async () => {
    const { p, compared } = ports(() => '19');
    const result = await verifyQuestion(question(), p, 1);
    expect([result.outcome, result.consensus, result.c1_ok, result.c2_ok]).toEqual([IccOutcome.ICC_OUTCOME_CONVERGED, '19', false, true]);
    expect(compared).toEqual([['19', '19'], ['18', '19'], ['19', '19']]);
  });

  it('paper labels: compares every cluster key with a*, so equivalent spellings agree', async () => {
    const { p, compared } = ports(() => '19');
    const result = await verifyQuestion(question('paper'), p, 1);
    expect(compared.slice(1).map(([key]) => key)).toEqual(['18', '19', '20', '19.0']);
    const labels = result.examples.filter((e) => e.provenance?.source === 'paper.sample').map((e) => e.label);
    expect(labels).toEqual([...Array(10).fill(false), true, true, true, false, false, true]);
  });

  it('majority labeller: refines nothing and takes the largest cluster as right', async () => {
    const { p, refined, compared } = ports(() => '19');
    const result = await verifyQuestion(question('code', 'majority'), p, 1);
    expect(refined).toEqual([]);
    expect([result.outcome, result.consensus, result.c1_ok, result.c2_ok]).toEqual([IccOutcome.ICC_OUTCOME_MAJORITY, '18', true, false]);
    expect(compared).toEqual([['18', '18'], ['19', '18']]);
    expect(result.refinements).toEqual([]);
  });

  it('majority labeller with paper labels: every sample labelled by agreement with the largest cluster', async () => {
    const { p } = ports(() => '19');
    const result = await verifyQuestion(question('paper', 'majority'), p, 1);
    const labels = result.examples.filter((e) => e.provenance?.source === 'paper.sample').map((e) => e.label);
    expect(labels).toEqual([...Array(10).fill(true), ...Array(6).fill(false)]);
  });

  it('oracle labeller: refines nothing and labels every sample by the known answer', async () => {
    const { p, refined, compared } = ports(() => '18');
    const result = await verifyQuestion(question('paper', 'oracle', '19'), p, 1);
    expect(refined).toEqual([]);
    expect([result.outcome, result.consensus, result.c1_ok, result.c2_ok]).toEqual([IccOutcome.ICC_OUTCOME_ORACLE, '19', false, true]);
    expect(compared).toEqual([['18', '19'], ['19', '19'], ['20', '19'], ['19.0', '19']]);
    const labels = result.examples.filter((e) => e.provenance?.source === 'paper.sample').map((e) => e.label);
    expect(labels).toEqual([...Array(10).fill(false), true, true, true, false, false, true]);
  });

  it('oracle labeller without a known answer: no solver example, nothing called', async () => {
    const { p, refined, compared } = ports(() => '19');
    const result = await verifyQuestion(question('paper', 'oracle'), p, 1);
    expect([result.outcome, result.consensus, result.c1_ok, result.c2_ok]).toEqual([IccOutcome.ICC_OUTCOME_NO_KNOWN_ANSWER, '', false, false]);
    expect(result.examples.map((e) => e.provenance?.source)).toEqual(['generator']);
    expect([refined, compared]).toEqual([[], []]);
  });

  describe('icc_oracle labeller', () => {
    it('refines as ICC does, then labels the samples by the known answer, keeping ICC\'s a* and refiner examples', async () => {
      // The refinements agree on 19; the known answer is 18.
      const { p, refined } = ports(() => '19');
      const result = await verifyQuestion(question('paper', 'icc_oracle', '18'), p, 1);
      expect(refined).toHaveLength(2);
      expect([result.outcome, result.consensus, result.c1_ok, result.c2_ok]).toEqual([IccOutcome.ICC_OUTCOME_CONVERGED, '19', false, true]);
      const labels = result.examples.filter((e) => e.provenance?.source === 'paper.sample').map((e) => e.label);
      expect(labels).toEqual([...Array(10).fill(true), ...Array(6).fill(false)]);
      expect(result.examples.filter((e) => e.provenance?.source?.startsWith('icc.')).map((e) => e.provenance?.source)).toEqual(['icc.r1']);
    });

    it('labels the questions ICC labels: an agreement c1_or_c2 leaves unconfirmed stays so, even where the known answer is c2\'s', async () => {
      const { p } = ports(() => '21');
      const q = { ...iccFixture({ groups: [['18', 10], ['19', 3], ['20', 2]], solverLabels: 'paper', consensus: 'c1_or_c2', labeller: 'icc_oracle', truth: '19' }) };
      expect((await verifyQuestion(q, p, 1)).outcome).toBe(IccOutcome.ICC_OUTCOME_UNCONFIRMED);
    });

    it('labels an agreement on c1 by the known answer even where that is neither c1\'s nor c2\'s', async () => {
      const { p } = ports(() => '18');
      const q = iccFixture({ groups: [['18', 10], ['19', 3], ['20', 2]], solverLabels: 'paper', consensus: 'c1_or_c2', labeller: 'icc_oracle', truth: '20' });
      const result = await verifyQuestion(q, p, 1);
      expect([result.outcome, result.consensus, result.c1_ok, result.c2_ok]).toEqual([IccOutcome.ICC_OUTCOME_CONVERGED, '18', true, false]);
      const labels = result.examples.filter((e) => e.provenance?.source === 'paper.sample').map((e) => e.label);
      expect(labels).toEqual([...Array(13).fill(false), true, true]);
    });

    it('labels nothing where ICC diverges, as ICC', async () => {
      const { p } = ports((candidate) => (candidate.includes('=18') ? '18' : '19'));
      const result = await verifyQuestion(question('paper', 'icc_oracle', '18'), p, 1);
      expect(result.outcome).toBe(IccOutcome.ICC_OUTCOME_DIVERGED);
      expect(result.examples.map((e) => e.provenance?.source)).toEqual(['generator']);
    });

    it('refines nothing for a question without a known answer', async () => {
      const { p, refined } = ports(() => '19');
      const result = await verifyQuestion(question('paper', 'icc_oracle'), p, 1);
      expect([result.outcome, refined]).toEqual([IccOutcome.ICC_OUTCOME_NO_KNOWN_ANSWER, []]);
    });
  });

  describe('support floor (minSupport)', () => {
    // a* = 19 is given by 3 samples of "19" and 1 of "19.0": 4 of 16.
    const floored = (minSupport: number, solverLabels: 'code' | 'paper' = 'code') => ({ ...question(solverLabels), minSupport });

    it.each(['code', 'paper'] as const)('%s labels: counts every sample equivalent to a*, and converges when they reach the floor', async (labels) => {
      const { p, compared } = ports(() => '19');
      const result = await verifyQuestion(floored(4 / 16, labels), p, 1);
      expect([result.outcome, result.consensus, result.c1_ok, result.c2_ok]).toEqual([IccOutcome.ICC_OUTCOME_CONVERGED, '19', false, true]);
      expect(compared.slice(1).map(([key]) => key)).toEqual(['18', '19', '20', '19.0']);
    });

    it.each(['code', 'paper'] as const)('%s labels: a consensus below the floor is unconfirmed and yields only the generator example', async (labels) => {
      const { p } = ports(() => '19');
      const result = await verifyQuestion(floored(5 / 16, labels), p, 1);
      expect([result.outcome, result.consensus, result.c1_ok, result.c2_ok]).toEqual([IccOutcome.ICC_OUTCOME_UNCONFIRMED, '', false, false]);
      expect(result.refinements.map((r) => r.result?.answer)).toEqual(['19', '19']);
      expect(result.examples.map((e) => e.provenance?.source)).toEqual(['generator']);
    });

    it('takes a share of 8 samples exactly: 0.5 asks for 4, not 5', async () => {
      const { p } = ports(() => '19');
      const q = { ...iccFixture({ groups: [['18', 4], ['19', 4]] }), minSupport: 0.5 };
      expect((await verifyQuestion(q, p, 1)).outcome).toBe(IccOutcome.ICC_OUTCOME_CONVERGED);
      const q5 = { ...iccFixture({ groups: [['18', 5], ['19', 3]] }), minSupport: 0.5 };
      expect((await verifyQuestion(q5, p, 1)).outcome).toBe(IccOutcome.ICC_OUTCOME_UNCONFIRMED);
    });

    it('leaves majority vote alone: the floor is a rule of ICC\'s', async () => {
      const { p } = ports(() => '19');
      const result = await verifyQuestion({ ...question('code', 'majority'), minSupport: 1 }, p, 1);
      expect([result.outcome, result.consensus]).toEqual([IccOutcome.ICC_OUTCOME_MAJORITY, '18']);
    });
  });

  describe('consensus rule c1_or_c2', () => {
    const strict = (solverLabels: 'code' | 'paper') =>
      iccFixture({ groups: [['18', 10], ['19', 3], ['20', 2]], solverLabels, consensus: 'c1_or_c2' });

    it.each(['code', 'paper'] as const)('%s labels: an agreement on an answer neither c1 nor c2 holds is unconfirmed and yields only the generator example', async (labels) => {
      for (const answer of ['21', '20']) {
        const { p } = ports(() => answer);
        const result = await verifyQuestion(strict(labels), p, 1);
        expect([result.outcome, result.consensus, result.c1_ok, result.c2_ok]).toEqual([IccOutcome.ICC_OUTCOME_UNCONFIRMED, '', false, false]);
        expect(result.refinements.map((r) => r.result?.answer)).toEqual([answer, answer]);
        expect(result.examples.map((e) => e.provenance?.source)).toEqual(['generator']);
      }
    });

    it('an agreement on c2\'s answer overrules the majority, as under the paper\'s rule', async () => {
      const { p } = ports(() => '19');
      const result = await verifyQuestion(strict('code'), p, 1);
      expect([result.outcome, result.consensus, result.c1_ok, result.c2_ok]).toEqual([IccOutcome.ICC_OUTCOME_CONVERGED, '19', false, true]);
    });

    it('the paper\'s rule accepts an answer no sample gave', async () => {
      const { p } = ports(() => '21');
      const q = { ...strict('code'), consensus: 'any' as const };
      const result = await verifyQuestion(q, p, 1);
      expect([result.outcome, result.consensus, result.c1_ok, result.c2_ok]).toEqual([IccOutcome.ICC_OUTCOME_CONVERGED, '21', false, false]);
    });
  });
});
