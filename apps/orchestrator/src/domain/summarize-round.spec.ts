import { IccOutcome, QuestionRecord, QuestionStatus, Role } from '@aero/contracts';
import { fixtureMeta, journalBuilder } from '../testing/run-fixtures';
import { replayRun } from './replay-run';
import { roundProgressOf } from './round-progress-of';
import { summarizeRound } from './summarize-round';

const record = (
  index: number,
  status: QuestionStatus,
  entropy: number,
  outcome: IccOutcome,
  examples: [Role, boolean][],
  truth?: { truth: string; majority: boolean; consensus: boolean },
) =>
  QuestionRecord.fromPartial({
    question: { id: `r1-q${index}`, index, round: 1, text: `${index}+1`, parsed: index % 2 === 0 },
    analysis: { status, normalized_entropy: entropy, total_valid: 8 },
    verification: { outcome, examples: examples.map(([role, label]) => ({ role, label })) },
    truth: truth?.truth,
    majority_correct: truth?.majority ?? false,
    consensus_correct: truth?.consensus ?? false,
  });

describe('summarizeRound', () => {
  const journal = journalBuilder().generated(1, 4, 2).dataset(1).trained(1, '/m1').evaluation(1, 0.55);
  const progress = roundProgressOf(replayRun(fixtureMeta(), journal.events), 1);
  const G = Role.ROLE_GENERATOR;
  const S = Role.ROLE_SOLVER;
  const R = Role.ROLE_REFINER;
  const records = [
    record(0, QuestionStatus.QUESTION_STATUS_MASTERY, 0.1, IccOutcome.ICC_OUTCOME_SKIPPED_NOT_ZPD, [[G, false]], { truth: '1', majority: true, consensus: false }),
    record(1, QuestionStatus.QUESTION_STATUS_ZPD, 0.5, IccOutcome.ICC_OUTCOME_CONVERGED, [[G, true], [S, true], [S, false], [R, true]], { truth: '2', majority: false, consensus: true }),
    record(2, QuestionStatus.QUESTION_STATUS_ZPD, 0.4, IccOutcome.ICC_OUTCOME_CONVERGED, [[G, true], [S, true]], { truth: '3', majority: true, consensus: true }),
    record(3, QuestionStatus.QUESTION_STATUS_ZPD, 0.6, IccOutcome.ICC_OUTCOME_DIVERGED, [[G, true]]),
    record(4, QuestionStatus.QUESTION_STATUS_CHAOS, 0.9, IccOutcome.ICC_OUTCOME_SKIPPED_NOT_ZPD, [[G, false]]),
  ];

  it('counts statuses, parsed questions, ICC outcomes and mean entropy from the records', () => {
    const s = summarizeRound(progress, ['arithmetic'], records);
    expect([s.round, s.questions, s.mastery, s.zpd, s.chaos, s.parsed, s.icc_converged, s.icc_diverged]).toEqual([1, 5, 1, 3, 1, 3, 2, 1]);
    expect(s.well_formed).toBeCloseTo(3 / 5);
    expect(s.mean_normalized_entropy).toBeCloseTo(0.5);
  });

  it('leaves questions without any answer (chaos, entropy 0) out of the mean entropy', () => {
    const unanswered = QuestionRecord.fromPartial({ question: { id: 'r1-q7', index: 7 }, analysis: { status: QuestionStatus.QUESTION_STATUS_CHAOS, sample_count: 8 } });
    const s = summarizeRound(progress, ['arithmetic'], [...records, unanswered]);
    expect([s.questions, s.chaos]).toEqual([6, 2]);
    expect(s.mean_normalized_entropy).toBeCloseTo(0.5);
  });

  it('counts the examples per role and label, all six combinations present', () => {
    const s = summarizeRound(progress, ['arithmetic'], records);
    expect(s.examples.map((e) => [e.role, e.label, e.count])).toEqual([
      [G, true, 3], [G, false, 2], [S, true, 2], [S, false, 1], [R, true, 1], [R, false, 0],
    ]);
  });

  it('compares ICC with majority vote on the converged questions whose truth is known', () => {
    const s = summarizeRound(progress, ['arithmetic'], records);
    expect(s.icc_judged).toBe(2);
    expect(s.icc_accuracy).toBe(1);
    expect(s.majority_accuracy).toBe(0.5);
    const none = summarizeRound(progress, ['arithmetic'], records.slice(3));
    expect([none.icc_judged, none.icc_accuracy, none.majority_accuracy]).toEqual([0, undefined, undefined]);
  });

  it('carries the dataset, the trained model, its loss and the evaluations in benchmark order', () => {
    const s = summarizeRound(progress, ['arithmetic'], records);
    expect([s.model_path, s.train_loss, s.dataset?.dataset]).toEqual(['/m1', 0.5, 'aero_r1']);
    expect(s.evaluations.map((e) => [e.benchmark, e.pass_at_1])).toEqual([['arithmetic', 0.55]]);
  });

  it('counts refused questions, keeping the status of those refused only after their analysis', () => {
    const refusedAtOnce = QuestionRecord.fromPartial({ question: { id: 'r1-q9', index: 9 }, rejected_reason: 'too long' });
    const refusedByIcc = QuestionRecord.fromPartial({
      question: { id: 'r1-q8', index: 8 },
      analysis: { status: QuestionStatus.QUESTION_STATUS_ZPD, normalized_entropy: 0.5, total_valid: 8 },
      rejected_reason: 'refiner prompt too long',
    });
    const s = summarizeRound(progress, ['arithmetic'], [...records, refusedAtOnce, refusedByIcc]);
    expect([s.questions, s.rejected, s.zpd, s.mastery + s.zpd + s.chaos]).toEqual([7, 2, 4, 6]);
    expect(s.mean_normalized_entropy).toBeCloseTo(0.5);
  });

  it('without records, summarises what the events say of a round in progress', () => {
    const journal = journalBuilder()
      .generated(1, 3, 2)
      .recorded(1, 0, QuestionStatus.QUESTION_STATUS_ZPD, 0.5)
      .recorded(1, 1, QuestionStatus.QUESTION_STATUS_CHAOS, 0.8, IccOutcome.ICC_OUTCOME_SKIPPED_NOT_ZPD);
    const live = roundProgressOf(replayRun(fixtureMeta(), journal.events), 1);
    const s = summarizeRound(live, ['arithmetic']);
    expect([s.questions, s.zpd, s.chaos, s.parsed, s.icc_converged, s.examples.length]).toEqual([2, 1, 1, 2, 1, 0]);
    // Well-formed over the 3 questions written, not the 2 recorded so far (which read as 100%).
    expect(s.well_formed).toBeCloseTo(2 / 3);
    expect(s.mean_normalized_entropy).toBeCloseTo(0.65);
  });

  it('counts held-out questions and the share of byte-identical refinement pairs', () => {
    const refinement = (text: string) => ({ cluster_key: '', prompt: '', result: { index: 0, text, answer: '', parsed: true, finish_reason: 0, completion_tokens: 0 } });
    const withRefinements = (r: QuestionRecord, a: string, b: string) =>
      QuestionRecord.fromPartial({ ...r, verification: { ...r.verification, refinements: [refinement(a), refinement(b)] } });
    const refined = [withRefinements(records[1], 'x', 'x'), withRefinements(records[2], 'x', 'y'), withRefinements(records[3], 'z', 'z'), { ...records[0], held_out: true }];
    const s = summarizeRound(progress, ['arithmetic'], refined);
    expect(s.held_out).toBe(1);
    expect(s.identical_refinements).toBeCloseTo(2 / 3);
    expect(summarizeRound(progress, ['arithmetic'], records).identical_refinements).toBeUndefined();
  });

  it('counts questions and ZPD questions by size (operations), with the ZPD median', () => {
    const sized = (text: string, status: QuestionStatus) => QuestionRecord.fromPartial({ question: { text }, analysis: { status } });
    const s = summarizeRound(progress, ['arithmetic'], [
      sized('1+2+3', QuestionStatus.QUESTION_STATUS_ZPD),
      sized('1+2+3+4', QuestionStatus.QUESTION_STATUS_ZPD),
      sized('1+2+3+4+5+6', QuestionStatus.QUESTION_STATUS_ZPD),
      sized('1+2', QuestionStatus.QUESTION_STATUS_MASTERY),
      sized('How many?', QuestionStatus.QUESTION_STATUS_ZPD),
    ]);
    expect(s.question_sizes).toEqual({ 1: 1, 2: 1, 3: 1, 5: 1 });
    expect(s.zpd_sizes).toEqual({ 2: 1, 3: 1, 5: 1 });
    expect(s.zpd_median_size).toBe(3);
    expect(summarizeRound(progress, ['arithmetic'], records.slice(4)).zpd_median_size).toBeUndefined();
  });

  it('judges the majority labeller\'s consensus like ICC\'s', () => {
    const majority = QuestionRecord.fromPartial({ ...records[2], verification: { outcome: IccOutcome.ICC_OUTCOME_MAJORITY } });
    const s = summarizeRound(progress, ['arithmetic'], [majority]);
    expect([s.icc_judged, s.icc_accuracy, s.majority_accuracy]).toEqual([1, 1, 1]);
  });
});
