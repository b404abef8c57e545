import { OrchestratorServiceClient, RunEvent, RunState } from '@aero/contracts';
import { streamCall, unaryCall } from '@aero/service-kit';

/**
 * Starts run `name` with `overrides` (dotted config keys, YAML values) and follows its events until
 * it stops running; `onEvent` sees each one as it arrives. Resolves with every event of the run (its
 * journal) once it succeeded; rejects with the run's error otherwise.
 */
export async function runToEnd(
  client: OrchestratorServiceClient,
  name: string,
  overrides: Record<string, string>,
  onEvent: (event: RunEvent) => Promise<void> | void = () => undefined,
): Promise<RunEvent[]> {
  await unaryCall(client.startRun.bind(client), { name, config_overrides: overrides });
  const events: RunEvent[] = [];
  for await (const m of streamCall(client.watchRun.bind(client), { run_id: name, from_sequence: 0 })) {
    if (!m.event) continue;
    events.push(m.event);
    await onEvent(m.event);
    const body = m.event.event;
    if (body?.$case !== 'state_changed' || body.value.state === RunState.RUN_STATE_RUNNING || body.value.state === RunState.RUN_STATE_PENDING) continue;
    if (body.value.state !== RunState.RUN_STATE_SUCCEEDED) throw new Error(`run ${name} ended ${RunState[body.value.state]}: ${body.value.error}`);
    return events;
  }
  throw new Error(`run ${name}: the event stream ended while it was running`);
}
