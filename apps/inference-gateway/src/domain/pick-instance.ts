/** What routing needs to know about one instance that is ready for requests. */
export interface RouteCandidate {
  id: string;
  /** Requests sent and not yet answered. */
  outstanding: number;
  /** Sequence number of the last request routed to it (0 = never); breaks ties least-recently-used. */
  lastRouted: number;
}

/**
 * Least-outstanding routing over the ready instances: the one with the fewest requests in flight
 * and room under `capacity`, least recently used among equals. Instances in `avoid` (they just
 * failed this request) are used only when no other instance is ready, so a retry goes elsewhere
 * when it can. Undefined when the request has to wait.
 */
export function pickInstance(
  ready: readonly RouteCandidate[],
  capacity: number,
  avoid: ReadonlySet<string> = new Set(),
): string | undefined {
  const preferred = ready.filter((c) => !avoid.has(c.id));
  const pool = preferred.length > 0 ? preferred : ready;
  let best: RouteCandidate | undefined;
  for (const c of pool) {
    if (c.outstanding >= capacity) continue;
    if (!best || c.outstanding < best.outstanding || (c.outstanding === best.outstanding && c.lastRouted < best.lastRouted)) {
      best = c;
    }
  }
  return best?.id;
}
