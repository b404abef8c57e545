import type { OrchestratorServiceClient, RunEvent } from '@aero/contracts';
import { streamCall } from '@aero/service-kit';

/** Events of the run from sequence `from` on, until `stop` says so (or the run ends, or the stream breaks). */
export async function watchUntil(o: { client: OrchestratorServiceClient }, runId: string, stop: (event: RunEvent) => boolean, from = 0): Promise<RunEvent[]> {
  const seen: RunEvent[] = [];
  try {
    for await (const m of streamCall(o.client.watchRun.bind(o.client), { run_id: runId, from_sequence: from })) {
      if (!m.event) continue;
      seen.push(m.event);
      if (stop(m.event)) break;
    }
  } catch {
    // the orchestrator went away under the stream: that is what a kill does
  }
  return seen;
}
