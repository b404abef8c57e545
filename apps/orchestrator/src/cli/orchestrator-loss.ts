import { status as Status } from '@grpc/grpc-js';
import type { OrchestratorConnection } from './connect-orchestrator';

/**
 * The error to report for a command following run `runId`: when the orchestrator went away under it
 * (the call failed UNAVAILABLE and the orchestrator no longer answers), one line saying what happened
 * and how to continue the run, instead of gRPC's "14 UNAVAILABLE: Connection dropped"; any other
 * error as it is.
 */
export async function orchestratorLoss(error: unknown, connection: OrchestratorConnection, runId: string): Promise<unknown> {
  if ((error as { code?: unknown } | undefined)?.code !== Status.UNAVAILABLE) return error;
  const gone = await connection.gone();
  if (gone === undefined) return error;
  return new Error(`${gone}; run ${runId} stopped with it. Continue it with: npm run aero -- resume ${runId}`);
}
