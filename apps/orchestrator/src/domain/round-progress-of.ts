import type { RoundProgress, RunView } from './run-view';

/** The progress of `round`, created empty on first use. */
export function roundProgressOf(view: RunView, round: number): RoundProgress {
  let progress = view.rounds.get(round);
  if (!progress) {
    progress = { round, recorded: new Map(), evaluations: new Map(), training: [] };
    view.rounds.set(round, progress);
  }
  return progress;
}
