import type { GroupExit } from '@aero/process';
import type { EngineClient, ListedModel } from './engine-client';

const POLL_MS = 200;

/**
 * Polls GET /v1/models until it lists `model` (vLLM's /health answers before the model can serve,
 * so only the model list counts). Fails when the process exits first or the time runs out.
 */
export async function waitUntilReady(
  client: EngineClient,
  model: string,
  options: { deadline: number; exited?: Promise<GroupExit> },
): Promise<ListedModel> {
  let exit: GroupExit | undefined;
  void options.exited?.then((info) => (exit = info));
  let last = 'no answer yet';
  for (;;) {
    if (exit) throw new Error(`the engine exited (${describeExit(exit)}) before it was ready`);
    try {
      const models = await client.models();
      const listed = models.find((m) => m.id === model);
      if (listed) return listed;
      last = `it lists ${models.map((m) => m.id).join(', ') || 'no model'}, not ${model}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() >= options.deadline) throw new Error(`not ready in time (last probe: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function describeExit(exit: GroupExit): string {
  if (exit.spawnError) return `it could not be started: ${exit.spawnError}`;
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.exitCode}`;
}
