import type { TrainProgress } from '@aero/contracts';

/** What an HF Trainer log entry adds to a logged step: the KTO values, and loss and learning rate where the step line lacks them. */
export type KtoLogEntry = Partial<Pick<TrainProgress, 'loss' | 'lr' | 'kl' | 'rewards_chosen' | 'rewards_rejected'>>;

// HF Trainer's log_history keys (TRL's KTOTrainer averages rewards per split over the logging window).
const KEYS: [keyof KtoLogEntry, string][] = [
  ['loss', 'loss'],
  ['lr', 'learning_rate'],
  ['kl', 'kl'],
  ['rewards_chosen', 'rewards/chosen'],
  ['rewards_rejected', 'rewards/rejected'],
];

/**
 * The training entries of an HF trainer_state.json (LLaMA-Factory writes it when training ends) by
 * step: the only file of LLaMA-Factory's that holds KTO's KL and rewards, trainer_log.jsonl has
 * neither. Python's json writes a NaN (a step without desirable examples) as a bare NaN, which
 * JSON.parse refuses: such a value counts as not logged. Evaluation entries (eval_*) and the closing
 * summary (train_loss, no loss) carry none of these keys and are left out. Unreadable text gives an
 * empty map: the curves then stay as trainer_log.jsonl had them.
 */
export function ktoLogOfTrainerState(text: string): Map<number, KtoLogEntry> {
  let state: unknown;
  try {
    state = JSON.parse(text.replace(/(?<=[:[,]\s*)-?(?:NaN|Infinity)\b/g, 'null'));
  } catch {
    return new Map();
  }
  const history = (state as { log_history?: unknown } | null)?.log_history;
  const byStep = new Map<number, KtoLogEntry>();
  for (const entry of Array.isArray(history) ? history : []) {
    const e = entry as Record<string, unknown> | null;
    if (typeof e?.step !== 'number' || !Number.isSafeInteger(e.step)) continue;
    const values = KEYS.filter(([, key]) => typeof e[key] === 'number' && Number.isFinite(e[key])).map(([field, key]) => [field, e[key] as number]);
    if (values.length > 0) byStep.set(e.step, { ...byStep.get(e.step), ...Object.fromEntries(values) });
  }
  return byStep;
}
