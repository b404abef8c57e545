import { RunState, type RunEvent } from '@aero/contracts';
import { roundProgressOf } from './round-progress-of';
import type { RunView } from './run-view';

/**
 * Folds one journal event into the view. The same function serves replay after a restart and the
 * live view of a running run, so both always agree.
 */
export function applyRunEvent(view: RunView, event: RunEvent): void {
  if (event.sequence <= view.lastSequence) {
    throw new Error(`journal out of order: event ${event.sequence} after ${view.lastSequence}`);
  }
  view.lastSequence = event.sequence;
  view.updatedAt = event.time;
  const body = event.event;
  if (!body) return;
  switch (body.$case) {
    case 'state_changed':
      view.state = body.value.state;
      view.error = body.value.state === RunState.RUN_STATE_RUNNING ? '' : body.value.error || view.error;
      return;
    case 'phase_changed':
      view.phase = body.value.phase;
      view.currentRound = event.round;
      return;
    case 'questions_generated':
      roundProgressOf(view, event.round).generated = body.value;
      return;
    case 'question_recorded':
      roundProgressOf(view, event.round).recorded.set(body.value.question_id, body.value);
      return;
    case 'dataset_built':
      roundProgressOf(view, event.round).dataset = body.value;
      return;
    case 'training_progress':
      roundProgressOf(view, event.round).training.push(body.value);
      return;
    case 'model_trained':
      roundProgressOf(view, event.round).model = body.value;
      return;
    case 'model_served':
      view.servedModel = body.value.checkpoint;
      return;
    case 'metrics_served':
      view.metricsUrl = body.value.metrics_url;
      return;
    case 'evaluation':
      roundProgressOf(view, event.round).evaluations.set(body.value.benchmark, body.value);
      return;
    case 'round_finished': {
      // A run store written before RoundSummary.well_formed existed: in a finished round every
      // question is recorded, so parsed / questions is the same share.
      const summary = body.value;
      const legacy = summary.well_formed === undefined && summary.questions > 0;
      roundProgressOf(view, event.round).summary = legacy ? { ...summary, well_formed: summary.parsed / summary.questions } : summary;
      return;
    }
  }
}
