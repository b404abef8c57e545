import { status as Status } from '@grpc/grpc-js';
import { RpcError } from '@aero/service-kit';
import { TrainerError, type TrainerErrorKind } from '../domain/trainer-error';

const CODES: Record<TrainerErrorKind, Status> = {
  invalid_argument: Status.INVALID_ARGUMENT,
  not_found: Status.NOT_FOUND,
  failed_precondition: Status.FAILED_PRECONDITION,
  cancelled: Status.CANCELLED,
  internal: Status.INTERNAL,
};

/** A TrainerError becomes its status with its message (meant for the caller); anything else goes to the kit's mapping. */
export function toRpcError(error: unknown): unknown {
  if (!(error instanceof TrainerError)) return error;
  const violations = error.field ? [{ field: error.field, description: error.message }] : [];
  return new RpcError(CODES[error.kind], error.message, violations);
}
