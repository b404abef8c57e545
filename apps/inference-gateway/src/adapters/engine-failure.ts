import { status as Status } from '@grpc/grpc-js';
import { RpcError } from '@aero/service-kit';
import { requestFieldOf } from '../domain/request-field-of';

/**
 * connection: no HTTP answer (refused, reset, the engine died); server: 5xx; rejected: 4xx;
 * timeout: engine.request_timeout_s passed; aborted: the caller went away; internal: anything
 * else (a bug here, or an answer that is not the OpenAI shape).
 */
export type FailureKind = 'connection' | 'server' | 'rejected' | 'timeout' | 'aborted' | 'internal';

/** Why one engine request failed, classified for the retry decision and the gRPC status. */
export class EngineFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status?: number,
    readonly param?: string | null,
  ) {
    super(message);
    this.name = 'EngineFailure';
  }

  /** Connection failures and 5xx may succeed on another instance; a 4xx never will. */
  get retryable(): boolean {
    return this.kind === 'connection' || this.kind === 'server';
  }

  /** Anything thrown that is not an EngineFailure is a bug here, never worth a retry. */
  static from(error: unknown): EngineFailure {
    if (error instanceof EngineFailure) return error;
    return new EngineFailure('internal', (error as Error)?.message ?? String(error));
  }

  /** The status the caller sees once retries are used up (or for a failure never retried). */
  toRpcError(): RpcError {
    switch (this.kind) {
      case 'connection':
      case 'server':
        return RpcError.unavailable(`no engine instance could serve the request: ${this.message}`, this);
      case 'timeout':
        return new RpcError(Status.DEADLINE_EXCEEDED, 'the engine did not answer within engine.request_timeout_s', [], this);
      case 'aborted':
        return new RpcError(Status.CANCELLED, 'the engine request was aborted', [], this);
      case 'rejected':
        return this.rejectedError();
      case 'internal':
        return new RpcError(Status.INTERNAL, 'internal error', [], this);
    }
  }

  private rejectedError(): RpcError {
    if (this.status === 404) return RpcError.failedPrecondition(`the engine does not serve the requested model: ${this.message}`);
    if (this.status === 429) return new RpcError(Status.RESOURCE_EXHAUSTED, 'the engine is overloaded', [], this);
    if (this.status === 400 || this.status === 413 || this.status === 422) {
      return RpcError.invalidArgument(requestFieldOf(this.param), `rejected by the engine: ${this.message}`);
    }
    return new RpcError(Status.INTERNAL, 'the engine refused the request', [], this);
  }
}
