import {
  IccOutcome,
  Phase,
  QuestionRecorded,
  QuestionStatus,
  RoundSummary,
  RunEvent,
  RunState,
  type RunEvent as RunEventType,
  type TrainProgress,
} from '@aero/contracts';
import { configSchema } from '@aero/config';
import type { RunMeta } from '../domain/run-meta';

/** A run's identity with the default config, sized by `aero` overrides. */
export function fixtureMeta(aero: Record<string, unknown> = {}, id = 'fixture'): RunMeta {
  const config = configSchema.parse({
    aero: { rounds: 2, questions_per_round: 3, ...aero },
    engine: { model: '/models/base' },
    evaluation: { benchmarks: [{ name: 'arithmetic', path: '/bench.jsonl' }] },
  });
  return { id, name: id, created_at: '2026-01-01T00:00:00.000Z', run_dir: `/runs/${id}`, config, overrides: {} };
}

/** Builds a journal: each call appends one event with the next sequence number. */
export function journalBuilder() {
  const events: RunEventType[] = [];
  const add = (round: number, event: RunEventType['event']) => {
    events.push(RunEvent.fromPartial({ sequence: events.length + 1, time: `2026-01-01T00:00:${String(events.length).padStart(2, '0')}.000Z`, round }));
    events[events.length - 1].event = event;
    return builder;
  };
  const builder = {
    events,
    state: (state: RunState, error = '') => add(0, { $case: 'state_changed', value: { state, error } }),
    phase: (round: number, phase: Phase) => add(round, { $case: 'phase_changed', value: { phase } }),
    evaluation: (round: number, pass: number, benchmark = 'arithmetic') =>
      add(round, { $case: 'evaluation', value: { benchmark, round, pass_at_1: pass, problems: 10, by_level: { 'level 1': pass }, refused: 0 } }),
    generated: (round: number, count: number, parsed = count) => add(round, { $case: 'questions_generated', value: { count, parsed } }),
    recorded: (round: number, index: number, status = QuestionStatus.QUESTION_STATUS_ZPD, entropy = 0.5, outcome = IccOutcome.ICC_OUTCOME_CONVERGED, answered = 8) =>
      add(round, {
        $case: 'question_recorded',
        value: QuestionRecorded.fromPartial({ question_id: `r${round}-q${String(index).padStart(4, '0')}`, status, normalized_entropy: entropy, icc_outcome: outcome, examples: 2, done: index + 1, total: 3, answered }),
      }),
    dataset: (round: number) =>
      add(round, { $case: 'dataset_built', value: { dataset: `aero_r${round}`, dataset_dir: '/d', dataset_path: '/d/f.jsonl', total: 6, fresh: 6, replayed: 0, counts: [], warnings: [] } }),
    progress: (round: number, step: number, loss: number, kto: Pick<TrainProgress, 'kl' | 'rewards_chosen' | 'rewards_rejected'> = {}) =>
      add(round, { $case: 'training_progress', value: { current_steps: step, total_steps: 2, loss, lr: 0.001, epoch: step / 2, percentage: step * 50, elapsed_s: step, remaining_s: 2 - step, ...kto } }),
    trained: (round: number, modelPath = `/runs/fixture/rounds/${round}/model`) =>
      add(round, { $case: 'model_trained', value: { job_id: `fixture-r${round}`, model_path: modelPath, train_loss: 0.5, metrics: {}, skipped_reason: '' } }),
    served: (checkpoint: string) => add(0, { $case: 'model_served', value: { checkpoint, metrics_url: '' } }),
    metrics: (port: number) => add(0, { $case: 'metrics_served', value: { metrics_url: `http://127.0.0.1:${port}/metrics`, port } }),
    finished: (round: number, modelPath = `/runs/fixture/rounds/${round}/model`) =>
      add(round, {
        $case: 'round_finished',
        value: RoundSummary.fromPartial({
          round, questions: 3, mastery: 1, zpd: 1, chaos: 1, parsed: 3, well_formed: 1, icc_converged: 1, icc_diverged: 0,
          mean_normalized_entropy: 0.5, train_loss: 0.5, model_path: modelPath,
          question_sizes: { 3: 2, [3 + round]: 1 }, zpd_sizes: { [3 + round]: 1 }, zpd_median_size: 3 + round, identical_refinements: 0.5,
        }),
      }),
  };
  return builder;
}
