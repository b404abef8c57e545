import type { Metadata } from '@grpc/grpc-js';
import type { Logger } from './logger';

/** What a handler knows about the call it serves. */
export interface CallContext {
  /** Aborted when the caller cancels, the deadline passes or the server shuts down. */
  signal: AbortSignal;
  /** The caller's deadline, to pass on to downstream calls; undefined when none. */
  deadline?: Date;
  metadata: Metadata;
  log: Logger;
}
