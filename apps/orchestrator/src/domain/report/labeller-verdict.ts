import type { AeroConfig } from '@aero/config';

/** Who labelled the run's ZPD questions. */
type Labeller = AeroConfig['aero']['labeller'];

/** One round's comparison of the labellers on the same converged questions with a known answer. */
export interface LabellerRound {
  iccAccuracy: number | undefined;
  majorityAccuracy: number | undefined;
  /** Questions both accuracies are over. */
  judged: number;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * One sentence saying which labeller was right more often: the one that won more rounds, or, when
 * they won as many, the one with the higher accuracy over all judged questions (each round weighted
 * by its questions, so a round of 3 questions does not count as much as one of 300). A run labelled
 * by an ablation (aero.labeller majority or oracle) ran no ICC: it says what labelled it instead. A
 * run labelled by icc_oracle ran ICC but trained on known answers: it says so before the comparison.
 */
export function labellerVerdict(rounds: readonly LabellerRound[], labeller: Labeller): string {
  const judged = rounds.filter((r): r is Judged => r.judged > 0 && r.iccAccuracy !== undefined && r.majorityAccuracy !== undefined);
  if (labeller === 'majority' || labeller === 'oracle') return ablationVerdict(judged, labeller);
  const comparison = iccAgainstMajority(judged);
  return labeller === 'icc_oracle'
    ? `The labeller was icc_oracle (a diagnostic): ICC chose the questions to label and their known answers labelled them. ${comparison}`
    : comparison;
}

type Judged = LabellerRound & { iccAccuracy: number; majorityAccuracy: number };

function iccAgainstMajority(judged: readonly Judged[]): string {
  if (judged.length === 0) return 'No round has a converged question with a known answer, so ICC and the majority vote cannot be compared.';
  const icc = judged.filter((r) => r.iccAccuracy > r.majorityAccuracy).length;
  const majority = judged.filter((r) => r.majorityAccuracy > r.iccAccuracy).length;
  const ties = judged.length - icc - majority;
  const questions = judged.reduce((sum, r) => sum + r.judged, 0);
  const mean = (pick: (r: (typeof judged)[number]) => number) => judged.reduce((sum, r) => sum + pick(r) * r.judged, 0) / questions;
  const [iccMean, majorityMean] = [mean((r) => r.iccAccuracy), mean((r) => r.majorityAccuracy)];
  const winner = icc !== majority ? (icc > majority ? 'icc' : 'majority') : iccMean !== majorityMean ? (iccMean > majorityMean ? 'icc' : 'majority') : undefined;
  const of = `of ${judged.length} round${judged.length === 1 ? '' : 's'}`;
  const tied = ties ? `, ${ties} tied` : '';
  const head =
    winner === 'icc'
      ? `ICC won: its consensus was right more often than the majority vote in ${icc} ${of} (the majority vote in ${majority}${tied})`
      : winner === 'majority'
        ? `The majority vote won: it was right more often than ICC's consensus in ${majority} ${of} (ICC in ${icc}${tied})`
        : `Neither labeller won: each was right more often in ${icc} ${of}${tied}`;
  return `${head}; over the ${questions} judged questions, ICC's consensus was right ${pct(iccMean)} of the time and the majority vote ${pct(majorityMean)}.`;
}

/** What labelled a run that ran no ICC, and how often the majority vote was right on its judged questions. */
function ablationVerdict(judged: readonly { majorityAccuracy: number; judged: number }[], labeller: 'majority' | 'oracle'): string {
  const head =
    labeller === 'majority'
      ? 'The labeller was the majority vote (an ablation): ICC did not run'
      : 'The labeller was the oracle (an ablation): every labelled question got its known answer and ICC did not run';
  const questions = judged.reduce((sum, r) => sum + r.judged, 0);
  if (questions === 0) return `${head}.`;
  const majority = judged.reduce((sum, r) => sum + r.majorityAccuracy * r.judged, 0) / questions;
  return `${head}; over the ${questions} judged questions, the majority vote was right ${pct(majority)} of the time.`;
}
