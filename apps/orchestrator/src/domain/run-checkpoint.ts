import { initialModel } from './initial-model';
import type { RunView } from './run-view';

/** A model a run left: its initial model for round 0, else the model round `round` trained. */
export interface RunCheckpoint {
  round: number;
  model: string;
}

/**
 * The checkpoint of `round` (undefined while that round has not trained), or without a round the
 * last one the run has: the latest round that trained, round 0 before any did. A round whose
 * training was skipped for want of data left its base model, which is that round's checkpoint.
 */
export function runCheckpoint(view: RunView, round?: number): RunCheckpoint | undefined {
  const trained = [...view.rounds.values()].filter((p) => p.round >= 1 && p.model).sort((a, b) => a.round - b.round);
  if (round === 0 || (round === undefined && trained.length === 0)) return { round: 0, model: initialModel(view.meta) };
  const progress = round === undefined ? trained.at(-1) : trained.find((p) => p.round === round);
  return progress?.model && { round: progress.round, model: progress.model.model_path };
}
