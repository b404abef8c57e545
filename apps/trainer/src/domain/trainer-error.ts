/** Why an operation could not be done, in the terms the handlers turn into gRPC statuses. */
export type TrainerErrorKind = 'invalid_argument' | 'not_found' | 'failed_precondition' | 'resource_exhausted' | 'cancelled' | 'internal';

/**
 * The one error the trainer's domain, adapters and use cases throw on purpose. Its message is meant
 * for the caller (it names the field, file or job, and quotes a log tail where there is one).
 */
export class TrainerError extends Error {
  constructor(
    readonly kind: TrainerErrorKind,
    message: string,
    /** The request field at fault, for invalid_argument. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'TrainerError';
  }
}
