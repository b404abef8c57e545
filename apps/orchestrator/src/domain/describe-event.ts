import { IccOutcome, Phase, QuestionStatus, Role, RunState, type RunEvent } from '@aero/contracts';
import type { AeroConfig } from '@aero/config';
import { progressBar } from './progress-bar';

/**
 * How the CLI shows one event: a line to keep, and/or a status line that the next one replaces. A
 * line that comes with a status belongs to the step in progress; a line alone ends that step.
 */
export interface EventLine {
  line?: string;
  status?: string;
}

/** Running tallies of the round in progress, for the status line. */
export interface RoundTally {
  mastery: number;
  zpd: number;
  chaos: number;
  converged: number;
  diverged: number;
  unconfirmed: number;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * A run event in words a newcomer can follow: what the step does in AERO terms, and how far it got.
 * `tally` is updated with each recorded question.
 */
export function describeEvent(event: RunEvent, runId: string, aero: AeroConfig['aero'], tally: RoundTally): EventLine {
  const round = `round ${event.round}/${aero.rounds}`;
  const body = event.event;
  if (!body) return {};
  switch (body.$case) {
    case 'state_changed': {
      const { state, error } = body.value;
      const words: Record<number, string> = {
        [RunState.RUN_STATE_RUNNING]: `run ${runId} is running`,
        [RunState.RUN_STATE_SUCCEEDED]: `run ${runId} finished all ${aero.rounds} rounds`,
        [RunState.RUN_STATE_FAILED]: `run ${runId} failed: ${error}`,
        [RunState.RUN_STATE_CANCELLED]: `run ${runId} was cancelled`,
        [RunState.RUN_STATE_INTERRUPTED]: `run ${runId} was interrupted (${error})`,
      };
      return { line: words[state] };
    }
    case 'phase_changed':
      return { line: phaseLine(body.value.phase, event.round, round, aero) };
    case 'model_served':
      return { line: `  the inference gateway now serves ${body.value.checkpoint}${body.value.metrics_url ? ` (metrics: ${body.value.metrics_url})` : ''}` };
    case 'metrics_served':
      return { line: `  run metrics (Prometheus): ${body.value.metrics_url}` };
    case 'questions_generated':
      Object.assign(tally, { mastery: 0, zpd: 0, chaos: 0, converged: 0, diverged: 0, unconfirmed: 0 });
      return { line: `  ${body.value.count} questions written (${body.value.parsed} as well-formed JSON)` };
    case 'question_recorded': {
      const q = body.value;
      if (q.status === QuestionStatus.QUESTION_STATUS_MASTERY) tally.mastery++;
      if (q.status === QuestionStatus.QUESTION_STATUS_ZPD) tally.zpd++;
      if (q.status === QuestionStatus.QUESTION_STATUS_CHAOS) tally.chaos++;
      if (q.icc_outcome === IccOutcome.ICC_OUTCOME_CONVERGED) tally.converged++;
      if (q.icc_outcome === IccOutcome.ICC_OUTCOME_DIVERGED) tally.diverged++;
      if (q.icc_outcome === IccOutcome.ICC_OUTCOME_UNCONFIRMED) tally.unconfirmed++;
      const status = `  ${progressBar(q.done, q.total)} ${q.done}/${q.total} questions · mastery ${tally.mastery} · zpd ${tally.zpd} · chaos ${tally.chaos} · ICC converged ${tally.converged}, diverged ${tally.diverged}${tally.unconfirmed ? `, unconfirmed ${tally.unconfirmed}` : ''}`;
      if (q.rejected_reason) return { line: `  question ${q.question_id} was refused and yields no examples: ${q.rejected_reason.slice(0, 300)}`, status };
      return { status };
    }
    case 'dataset_built': {
      const d = body.value;
      const roles = d.counts
        .map((c) => `${c.role === Role.ROLE_GENERATOR ? 'generator' : c.role === Role.ROLE_SOLVER ? 'solver' : 'refiner'} ${c.desirable}+/${c.undesirable}−`)
        .join(', ');
      const warnings = d.warnings.length ? ` (warning: ${d.warnings.join('; ')})` : '';
      return { line: `  KTO dataset ${d.dataset}: ${d.total} records, ${d.fresh} fresh + ${d.replayed} replayed; ${roles}${warnings}` };
    }
    case 'training_progress': {
      const p = body.value;
      return { status: `  ${progressBar(p.current_steps, p.total_steps)} step ${p.current_steps}/${p.total_steps} · loss ${p.loss.toFixed(4)} · ${Math.round(p.remaining_s)} s left` };
    }
    case 'model_trained': {
      if (body.value.skipped_reason) return { line: `  training skipped, ${body.value.skipped_reason}; the model stays ${body.value.model_path}` };
      const loss = body.value.train_loss === undefined ? '' : ` (last loss ${body.value.train_loss.toFixed(4)})`;
      return { line: `  trained model ${body.value.model_path}${loss}` };
    }
    case 'evaluation': {
      const e = body.value;
      const who = event.round === 0 ? 'initial model' : `after ${round}`;
      const refused = e.refused ? `; ${e.refused} refused by the services as input, counted wrong (reasons in rounds/${event.round}/evaluations/)` : '';
      return { line: `  ${e.benchmark}: ${pct(e.pass_at_1)} greedy pass@1 on ${e.problems} problems (${who}${refused})` };
    }
    case 'round_finished': {
      const s = body.value;
      const icc = s.icc_accuracy === undefined ? '' : `; ICC consensus right ${pct(s.icc_accuracy)} vs majority vote ${pct(s.majority_accuracy ?? 0)}`;
      const size = s.zpd_median_size === undefined ? '' : ` (median size ${s.zpd_median_size} operations)`;
      const heldOut = s.held_out ? `; ${s.held_out} benchmark questions held out of training` : '';
      return { line: `${round} done: ${s.questions} questions, ${s.zpd} in the ZPD${size}, ICC converged on ${s.icc_converged}${icc}${heldOut}` };
    }
  }
}

function phaseLine(phase: Phase, roundNumber: number, round: string, aero: AeroConfig['aero']): string | undefined {
  switch (phase) {
    case Phase.PHASE_SERVING:
      return `${roundNumber === 0 ? 'initial model' : round}: (re)starting the inference engines on the model`;
    case Phase.PHASE_GENERATING:
      return `${round}: the model writes ${aero.questions_per_round} new problems (generator role)`;
    case Phase.PHASE_SYNTHESIZING:
      return `${round}: solving each problem ${aero.sampling_n} times, measuring disagreement (entropy), checking ZPD problems with ICC`;
    case Phase.PHASE_BUILDING_DATASET:
      return `${round}: assembling the KTO training set (staggered ${aero.use_staggered_training ? 'on' : 'off'}, replay pool ${aero.replay_pool_size})`;
    case Phase.PHASE_TRAINING:
      return `${round}: training the model on its own labelled experience (KTO)`;
    case Phase.PHASE_EVALUATING:
      return roundNumber === 0 ? 'initial model: measuring benchmark accuracy before any training' : `${round}: measuring benchmark accuracy of the new model`;
    case Phase.PHASE_DONE:
      return 'all rounds done';
    default:
      return undefined;
  }
}
