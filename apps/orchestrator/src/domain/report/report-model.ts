import type { AeroConfig } from '@aero/config';
import type { DatasetBuilt, ExampleCount, QuestionRecord, Run, RunEvent } from '@aero/contracts';
import type { RunVersions } from '../run-meta';
import type { RunView } from '../run-view';
import type { RoundTimings } from './phase-timings';
import type { QuestionRow } from './question-row';

/** What the report is made from: the run's journal, and a few of its question records. */
export interface ReportSources {
  view: RunView;
  /** The journal the view was replayed from: its event times give the phase timings. */
  events: readonly RunEvent[];
  /** A question's record in the run store, undefined where there is none; only the questions shown are read. */
  readRecord: (round: number, questionId: string) => QuestionRecord | undefined;
}

/** Per step of a round's training (its last attempt): what the trainer logged; kl and rewards undefined where it logged none. */
export interface KtoCurve {
  steps: number[];
  loss: number[];
  lr: number[];
  kl: (number | undefined)[];
  rewardsChosen: (number | undefined)[];
  rewardsRejected: (number | undefined)[];
}

/** The questions of a round the report shows, and how many there are per zone. */
export interface RoundQuestions {
  round: number;
  total: number;
  zones: { zone: string; count: number }[];
  rows: QuestionRow[];
}

/** Everything the HTML report shows, computed from the run's journal. Arrays by round index. */
export interface ReportModel {
  run: Run;
  settings: { label: string; value: string }[];
  /** Where the orchestrator that last drove the run served its Prometheus metrics; undefined when none did. */
  metricsUrl?: string;
  /** The config the run ran under, overrides applied, as run.json records it. */
  config: AeroConfig;
  overrides: Record<string, string>;
  /** Code and base checkpoint; empty for a run created before they were recorded. */
  versions: RunVersions;
  /** Rounds with data, 1-based, ascending. */
  rounds: number[];
  /** Per benchmark: pass@1 at round 0 (initial model), 1, 2, ... */
  accuracy: { benchmark: string; byRound: (number | undefined)[]; groups: { group: string; byRound: (number | undefined)[] }[] }[];
  /** Per round: share of questions per status. */
  statusShares: { mastery: number; zpd: number; chaos: number }[];
  /** Per round: share of the questions with an answer per normalised-entropy bin (equal bins over [0, 1]). */
  entropyHistogram: number[][];
  /**
   * Per round: generator outputs that were well-formed JSON and questions in the ZPD (shares of the
   * round's questions), the median size of ZPD questions, the share of refinement pairs with
   * identical texts, and the questions held out as benchmark problems.
   */
  loop: { wellFormed: number | undefined; zpdShare: number; zpdMedianSize: number | undefined; identicalRefinements: number | undefined; heldOut: number }[];
  /** Sizes (operations) seen among the generated questions, ascending, and per round the share of its questions of each size. */
  questionSizes: { sizes: number[]; byRound: number[][] };
  /** The same over the ZPD questions only. */
  zpdSizes: { sizes: number[]; byRound: number[][] };
  /** Per round: converged / (converged + diverged + unconfirmed), and the two accuracies where ground truth exists, over `judged` questions. */
  icc: { convergence: number | undefined; iccAccuracy: number | undefined; majorityAccuracy: number | undefined; judged: number }[];
  /** Which labeller was right more often, in one sentence. */
  labellerVerdict: string;
  /** Per round: examples emitted per role and label. */
  examples: ExampleCount[][];
  /** Per round: the dataset trained on. */
  datasets: (DatasetBuilt | undefined)[];
  /** Per round: what the trainer logged per step. */
  kto: KtoCurve[];
  /** Wall time and throughput per phase, round 0 first. */
  timings: RoundTimings[];
  /** Per round: example questions with what became of them. */
  questions: RoundQuestions[];
}
