import { status as Status } from '@grpc/grpc-js';
import { FileWriteError } from '@aero/files';
import { RpcError } from '@aero/service-kit';

/**
 * A write to the run store that failed, as the orchestrator reports it: a run fails with its message
 * (which names the file), and StartRun and ResumeRun answer with it, RESOURCE_EXHAUSTED when the disk is full.
 */
export function storeWriteFailure(error: unknown, file: string): RpcError {
  const failure = error instanceof FileWriteError ? error : new FileWriteError(file, error);
  return new RpcError(failure.diskFull ? Status.RESOURCE_EXHAUSTED : Status.INTERNAL, failure.message, [], failure);
}
