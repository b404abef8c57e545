import { status as Status } from '@grpc/grpc-js';
import { FileWriteError } from '@aero/files';
import { RpcError } from '@aero/service-kit';
import { TrainerError, type TrainerErrorKind } from '../domain/trainer-error';
import { writeFailure } from '../domain/write-failure';

const CODES: Record<TrainerErrorKind, Status> = {
  invalid_argument: Status.INVALID_ARGUMENT,
  not_found: Status.NOT_FOUND,
  failed_precondition: Status.FAILED_PRECONDITION,
  resource_exhausted: Status.RESOURCE_EXHAUSTED,
  cancelled: Status.CANCELLED,
  internal: Status.INTERNAL,
};

/**
 * A TrainerError becomes its status with its message (meant for the caller), and so does a file the
 * trainer could not write; anything else goes to the kit's mapping.
 */
export function toRpcError(thrown: unknown): unknown {
  const error = thrown instanceof FileWriteError ? writeFailure(thrown) : thrown;
  if (!(error instanceof TrainerError)) return error;
  const violations = error.field ? [{ field: error.field, description: error.message }] : [];
  return new RpcError(CODES[error.kind], error.message, violations);
}
