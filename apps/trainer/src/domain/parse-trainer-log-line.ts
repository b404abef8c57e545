import type { TrainProgress } from '@aero/contracts';

/**
 * One line of LLaMA-Factory's trainer_log.jsonl as progress. LLaMA-Factory drops keys whose value
 * is None (no loss on an evaluation line, no lr before the first step), so only the step counters are
 * required; times are Python timedelta strings ("0:01:05", "1 day, 2:03:04"). Anything else
 * (a torn last line, a non-progress record) gives undefined. KL and rewards are read where the
 * trainer logs them (the embedded engine does).
 */
export function parseTrainerLogLine(line: string): TrainProgress | undefined {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof record !== 'object' || record === null) return undefined;
  const r = record as Record<string, unknown>;
  const current = r.current_steps;
  const total = r.total_steps;
  if (!isCount(current) || !isCount(total)) return undefined;
  return {
    current_steps: current,
    total_steps: total,
    loss: numberOr(r.loss, 0),
    lr: numberOr(r.lr, 0),
    epoch: numberOr(r.epoch, 0),
    percentage: numberOr(r.percentage, total > 0 ? (100 * current) / total : 0),
    elapsed_s: seconds(r.elapsed_time),
    remaining_s: seconds(r.remaining_time),
    kl: numberOr(r.kl, undefined),
    rewards_chosen: numberOr(r.rewards_chosen, undefined),
    rewards_rejected: numberOr(r.rewards_rejected, undefined),
  };
}

function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

function numberOr<T extends number | undefined>(x: unknown, fallback: T): number | T {
  return typeof x === 'number' && Number.isFinite(x) ? x : fallback;
}

function seconds(x: unknown): number {
  if (typeof x === 'number' && Number.isFinite(x)) return x;
  if (typeof x !== 'string') return 0;
  const match = /^(?:(\d+) days?, )?(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(x.trim());
  if (!match) return 0;
  const [, days, h, m, s] = match;
  return Number(days ?? 0) * 86400 + Number(h) * 3600 + Number(m) * 60 + Number(s);
}
