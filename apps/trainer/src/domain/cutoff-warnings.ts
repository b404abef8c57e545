import { exampleTokenBound, type RoleBudget, type TrainedRole } from '@aero/config';
import type { SharegptKtoRecord } from './sharegpt-record';

/**
 * A warning when examples of the dataset may be longer than cutoff_len: LLaMA-Factory cuts an
 * example's end to fit, which is where its \boxed{} answer is. The count is of examples whose upper
 * bound (their UTF-8 length, capped by the run's token budgets) exceeds the cutoff; none when the
 * budgets guarantee that every example fits.
 */
export function cutoffWarnings(records: readonly SharegptKtoRecord[], cutoffLen: number, budgets: Record<TrainedRole, RoleBudget>): string[] {
  const bounds = records.map((r) => exampleTokenBound(r.messages[0].content, r.messages[1].content, budgets));
  const over = bounds.filter((tokens) => tokens > cutoffLen);
  if (over.length === 0) return [];
  return [
    `${over.length} of ${records.length} examples may be longer than cutoff_len ${cutoffLen} tokens (up to ${Math.max(...over)} by their length ` +
      `and the token budgets); LLaMA-Factory cuts their ends, where the \\boxed{} answers are: raise training.kto.cutoff_len`,
  ];
}
