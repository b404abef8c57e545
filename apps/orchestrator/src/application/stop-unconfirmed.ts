import { status as Status } from '@grpc/grpc-js';

/**
 * A run was stopped, but something it had started (a trainer job) was not confirmed stopped within
 * its bound. The run still stops; CancelRun answers with `code` and this message, so its caller
 * learns that a resume may find that work still ending.
 */
export class StopUnconfirmed extends Error {
  constructor(
    readonly code: Status.DEADLINE_EXCEEDED | Status.FAILED_PRECONDITION,
    message: string,
  ) {
    super(message);
    this.name = 'StopUnconfirmed';
  }
}
