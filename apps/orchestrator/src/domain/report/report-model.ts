import type { DatasetBuilt, ExampleCount, Run } from '@aero/contracts';

/** Everything the HTML report shows, computed from the run's journal. Arrays by round index. */
export interface ReportModel {
  run: Run;
  settings: { label: string; value: string }[];
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
  loop: { wellFormed: number; zpdShare: number; zpdMedianSize: number | undefined; identicalRefinements: number | undefined; heldOut: number }[];
  /** Sizes (operations) seen among ZPD questions, ascending, and per round the share of its ZPD questions of each size. */
  zpdSizes: { sizes: number[]; byRound: number[][] };
  /** Per round: converged / (converged + diverged), and the two accuracies where ground truth exists. */
  icc: { convergence: number | undefined; iccAccuracy: number | undefined; majorityAccuracy: number | undefined }[];
  /** Per round: examples emitted per role and label. */
  examples: ExampleCount[][];
  /** Per round: the dataset trained on. */
  datasets: (DatasetBuilt | undefined)[];
  /** Per round: logged training losses in order. */
  losses: number[][];
}
