import { IccOutcome, QuestionStatus, Role, type QuestionRecord } from '@aero/contracts';
import { problemSizeOf } from '@aero/arithmetic';
import { outcomeLabel, zoneLabel } from './question-labels';

/** Longest text a hover shows of a sample, refinement or example. */
const MAX_TEXT = 400;

/** One training example the question produced, with the label it got. */
export interface QuestionLabel {
  role: 'generator' | 'solver' | 'refiner';
  label: boolean;
  /** Where it came from: "generator", "icc.s1", "icc.r2", "paper.sample", ... */
  source: string;
  text: string;
}

/** One question of the report's question table: what the run did with it, from its record. */
export interface QuestionRow {
  id: string;
  text: string;
  /** Operations in the question, where its domain has them. */
  size?: number;
  zone: string;
  outcome: string;
  normalizedEntropy: number;
  /** Solver samples in order: answer ("" without one), index of its cluster, the label a solver example gave it. */
  samples: { answer: string; cluster?: number; label?: boolean; text: string }[];
  clusters: { key: string; count: number }[];
  /** ICC's refinements r1, r2: the cluster refined, the answer reached, the labels its examples got. */
  refinements: { cluster: string; answer: string; labels: QuestionLabel[]; text: string }[];
  labels: QuestionLabel[];
  /** ICC's consensus, empty unless converged. */
  consensus: string;
  truth?: string;
  heldOut: boolean;
  rejectedReason: string;
}

const ROLES = new Map<Role, QuestionLabel['role']>([
  [Role.ROLE_GENERATOR, 'generator'],
  [Role.ROLE_SOLVER, 'solver'],
  [Role.ROLE_REFINER, 'refiner'],
]);

/** A question's record as a row of the report's question table. */
export function questionRow(record: QuestionRecord): QuestionRow {
  const question = record.question;
  const analysis = record.analysis;
  const verification = record.verification;
  const clusters = analysis?.clusters ?? [];
  const clusterOf = new Map(clusters.flatMap((c, ci) => c.member_indexes.map((i) => [i, ci] as const)));
  const labels: QuestionLabel[] = (verification?.examples ?? []).map((e) => ({
    role: ROLES.get(e.role) ?? 'generator',
    label: e.label,
    source: e.provenance?.source ?? '',
    text: clip(e.completion),
  }));
  const sampleLabel = new Map((verification?.examples ?? []).flatMap((e) => (e.provenance?.sample_index === undefined ? [] : [[e.provenance.sample_index, e.label] as const])));
  return {
    id: question?.id ?? '',
    text: question?.text ?? '',
    size: problemSizeOf(question?.text ?? ''),
    zone: zoneLabel(analysis?.status ?? QuestionStatus.QUESTION_STATUS_UNSPECIFIED),
    outcome: outcomeLabel(verification?.outcome ?? IccOutcome.ICC_OUTCOME_UNSPECIFIED, record.rejected_reason),
    normalizedEntropy: analysis?.normalized_entropy ?? 0,
    samples: record.samples.map((s, i) => ({ answer: s.parsed ? s.answer : '', cluster: clusterOf.get(i), label: sampleLabel.get(i), text: clip(s.text) })),
    clusters: clusters.map((c) => ({ key: c.key, count: c.count })),
    refinements: (verification?.refinements ?? []).map((r, i) => ({
      cluster: r.cluster_key,
      answer: r.result?.parsed ? r.result.answer : '',
      labels: labels.filter((l) => l.source === `icc.r${i + 1}`),
      text: clip(r.result?.text ?? ''),
    })),
    labels,
    consensus: verification?.consensus ?? '',
    truth: record.truth,
    heldOut: record.held_out,
    rejectedReason: record.rejected_reason,
  };
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}
