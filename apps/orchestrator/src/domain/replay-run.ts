import { Phase, RunState, type RunEvent } from '@aero/contracts';
import { applyRunEvent } from './apply-run-event';
import type { RunMeta } from './run-meta';
import type { RunView } from './run-view';

/** The view of a run after `events` (its journal, in order); no events gives a pending run. */
export function replayRun(meta: RunMeta, events: readonly RunEvent[]): RunView {
  const view: RunView = {
    meta,
    state: RunState.RUN_STATE_PENDING,
    phase: Phase.PHASE_UNSPECIFIED,
    currentRound: 0,
    error: '',
    updatedAt: meta.created_at,
    rounds: new Map(),
    lastSequence: 0,
  };
  for (const event of events) applyRunEvent(view, event);
  return view;
}
