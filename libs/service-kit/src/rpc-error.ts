import { status as Status, type ServiceError } from '@grpc/grpc-js';
import { ZodError } from 'zod';

/** One field that failed validation, google.rpc.BadRequest style. */
export interface FieldViolation {
  field: string;
  description: string;
}

/**
 * The one error type of every service. `from` maps anything thrown to a gRPC status; only the
 * message of an RpcError reaches the caller, other causes are logged, never sent.
 */
export class RpcError extends Error {
  constructor(
    readonly code: Status,
    message: string,
    readonly violations: FieldViolation[] = [],
    readonly causeDetail?: unknown,
  ) {
    super(message);
    this.name = 'RpcError';
  }

  static invalidArgument(field: string, description: string): RpcError {
    return new RpcError(Status.INVALID_ARGUMENT, `invalid ${field}: ${description}`, [{ field, description }]);
  }

  static notFound(message: string): RpcError {
    return new RpcError(Status.NOT_FOUND, message);
  }

  static failedPrecondition(message: string): RpcError {
    return new RpcError(Status.FAILED_PRECONDITION, message);
  }

  static unavailable(message: string, cause?: unknown): RpcError {
    return new RpcError(Status.UNAVAILABLE, message, [], cause);
  }

  static from(error: unknown): RpcError {
    if (error instanceof RpcError) return error;
    if (error instanceof ZodError) {
      const violations = error.issues.map((issue) => ({
        field: issue.path.map(String).join('.') || '(request)',
        description: issue.message,
      }));
      const text = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
      return new RpcError(Status.INVALID_ARGUMENT, `invalid request: ${text}`, violations);
    }
    if (isGrpcError(error)) return new RpcError(error.code, error.details || error.message, [], error);
    const e = error as { name?: string; code?: unknown; status?: unknown; message?: string } | undefined;
    if (e?.name === 'AbortError') return new RpcError(Status.CANCELLED, 'cancelled', [], error);
    if (e?.name === 'TimeoutError') return new RpcError(Status.DEADLINE_EXCEEDED, 'deadline exceeded', [], error);
    if (e?.code === 'ECONNREFUSED' || e?.code === 'ECONNRESET') {
      return new RpcError(Status.UNAVAILABLE, 'a dependency is unreachable', [], error);
    }
    if (e?.status === 429) return new RpcError(Status.RESOURCE_EXHAUSTED, 'engine is overloaded', [], error);
    return new RpcError(Status.INTERNAL, 'internal error', [], error);
  }
}

function isGrpcError(error: unknown): error is ServiceError {
  return (
    error instanceof Error &&
    typeof (error as Partial<ServiceError>).code === 'number' &&
    'metadata' in error &&
    'details' in error
  );
}
