import type { CompareSection } from './compare-charts';
import type { SettingRow } from './differing-settings';

/** One run of a comparison, as its row of the runs table shows it. */
export interface ComparedRun {
  id: string;
  /** The name its lines carry in the charts. */
  label: string;
  /** "succeeded", "failed", ... */
  state: string;
  roundsFinished: number;
  rounds: number;
  createdAt: string;
  /** Per benchmark of any compared run: pass@1 of the initial model and at the last evaluated round. */
  accuracy: { benchmark: string; initial?: number; last?: { round: number; passAt1: number } }[];
}

/** Everything the comparison page shows; runs in the order they were given. */
export interface CompareModel {
  runs: ComparedRun[];
  settings: SettingRow[];
  sections: CompareSection[];
}
