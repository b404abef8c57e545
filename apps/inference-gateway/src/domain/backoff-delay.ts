/**
 * Delay before retry number `attempt` (0-based): exponential from baseMs with full jitter
 * (random in [0, 1)), capped at maxMs, so retries of many callers spread out instead of colliding.
 */
export function backoffDelay(attempt: number, baseMs: number, random: number, maxMs = 10_000): number {
  return Math.min(maxMs, random * baseMs * 2 ** attempt);
}
