import {
  IccOutcome,
  QuestionStatus,
  Role,
  RoundSummary,
  type ExampleCount,
  type QuestionRecord,
} from '@aero/contracts';
import { problemSizeOf } from '@aero/arithmetic';
import { isLabelled } from './is-labelled';
import type { RoundProgress } from './run-view';

const ROLES = [Role.ROLE_GENERATOR, Role.ROLE_SOLVER, Role.ROLE_REFINER];

interface QuestionFacts {
  refused: boolean;
  status: QuestionStatus;
  /** Samples with an answer; without any, the entropy means nothing. */
  answered: number;
  entropy: number;
  outcome: IccOutcome;
}

/**
 * The summary of a round. With the round's question records (the run store) it is complete; without
 * them it is the live view the journal's events allow (no example counts, no ICC accuracy), used for
 * a round still in progress.
 */
export function summarizeRound(
  progress: RoundProgress,
  benchmarks: readonly string[],
  records?: readonly QuestionRecord[],
): RoundSummary {
  const facts: QuestionFacts[] = records
    ? records.map((r) => ({
        refused: r.rejected_reason !== '',
        status: r.analysis?.status ?? QuestionStatus.QUESTION_STATUS_UNSPECIFIED,
        answered: r.analysis?.total_valid ?? 0,
        entropy: r.analysis?.normalized_entropy ?? 0,
        outcome: r.verification?.outcome ?? IccOutcome.ICC_OUTCOME_UNSPECIFIED,
      }))
    : [...progress.recorded.values()].map((q) => ({
        refused: q.rejected_reason !== '',
        status: q.status,
        answered: q.answered,
        entropy: q.normalized_entropy,
        outcome: q.icc_outcome,
      }));
  // A refused question may still have been analysed (refused later, by ICC's refiner).
  const answered = facts.filter((f) => f.answered > 0);
  const count = <T>(items: readonly T[], keep: (item: T) => boolean) => items.filter(keep).length;
  const judged = (records ?? []).filter((r) => r.truth !== undefined && isLabelled(r.verification?.outcome));
  const refined = (records ?? []).filter((r) => (r.verification?.refinements.length ?? 0) === 2);
  const sizes = sizesOf(records ?? []);
  const written = records
    ? { count: records.length, parsed: count(records, (r) => r.question?.parsed === true) }
    : { count: progress.generated?.count ?? 0, parsed: progress.generated?.parsed ?? 0 };

  return RoundSummary.fromPartial({
    round: progress.round,
    questions: facts.length,
    mastery: count(facts, (f) => f.status === QuestionStatus.QUESTION_STATUS_MASTERY),
    zpd: count(facts, (f) => f.status === QuestionStatus.QUESTION_STATUS_ZPD),
    chaos: count(facts, (f) => f.status === QuestionStatus.QUESTION_STATUS_CHAOS),
    parsed: written.parsed,
    well_formed: written.count > 0 ? written.parsed / written.count : undefined,
    icc_converged: count(facts, (f) => f.outcome === IccOutcome.ICC_OUTCOME_CONVERGED),
    icc_diverged: count(facts, (f) => f.outcome === IccOutcome.ICC_OUTCOME_DIVERGED),
    icc_unconfirmed: count(facts, (f) => f.outcome === IccOutcome.ICC_OUTCOME_UNCONFIRMED),
    examples: records ? exampleCounts(records) : [],
    mean_normalized_entropy: answered.length ? answered.reduce((sum, f) => sum + f.entropy, 0) / answered.length : 0,
    train_loss: progress.model?.train_loss,
    model_path: progress.model?.model_path ?? '',
    evaluations: benchmarks.flatMap((name) => progress.evaluations.get(name) ?? []),
    icc_judged: judged.length,
    icc_accuracy: judged.length ? count(judged, (r) => r.consensus_correct) / judged.length : undefined,
    majority_accuracy: judged.length ? count(judged, (r) => r.majority_correct) / judged.length : undefined,
    dataset: progress.dataset,
    rejected: count(facts, (f) => f.refused),
    held_out: count(records ?? [], (r) => r.held_out),
    identical_refinements: refined.length
      ? count(refined, (r) => r.verification?.refinements[0].result?.text === r.verification?.refinements[1].result?.text) / refined.length
      : undefined,
    ...sizes,
  });
}

/** Questions per size and ZPD questions per size, with the ZPD median, where questions have a size. */
function sizesOf(records: readonly QuestionRecord[]): Pick<RoundSummary, 'question_sizes' | 'zpd_sizes' | 'zpd_median_size'> {
  const question_sizes: Record<number, number> = {};
  const zpd_sizes: Record<number, number> = {};
  const zpd: number[] = [];
  for (const r of records) {
    const size = problemSizeOf(r.question?.text ?? '');
    if (size === undefined) continue;
    question_sizes[size] = (question_sizes[size] ?? 0) + 1;
    if (r.analysis?.status !== QuestionStatus.QUESTION_STATUS_ZPD) continue;
    zpd_sizes[size] = (zpd_sizes[size] ?? 0) + 1;
    zpd.push(size);
  }
  return { question_sizes, zpd_sizes, zpd_median_size: zpd.length ? median(zpd) : undefined };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function exampleCounts(records: readonly QuestionRecord[]): ExampleCount[] {
  const examples = records.flatMap((r) => r.verification?.examples ?? []);
  return ROLES.flatMap((role) =>
    [true, false].map((label) => ({
      role,
      label,
      count: examples.filter((e) => e.role === role && e.label === label).length,
    })),
  );
}
