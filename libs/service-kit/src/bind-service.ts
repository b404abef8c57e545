import { timingSafeEqual } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import {
  Metadata,
  status as Status,
  type sendUnaryData,
  type ServerUnaryCall,
  type ServerWritableStream,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { z } from 'zod';
import type { CallContext } from './call-context';
import type { GrpcService } from './grpc-service';
import type { Logger } from './logger';
import { RpcError } from './rpc-error';
import { statusDetails } from './status-details';
import { UndecodableRequest } from './undecodable-request';

export interface BindOptions {
  log: Logger;
  /** When set, every call must carry `authorization: Bearer <token>`. */
  authToken?: string;
  /** Aborted when the server shuts down, so long streams end instead of blocking the drain. */
  shutdown: AbortSignal;
}

type AnyCall = ServerUnaryCall<unknown, unknown> | ServerWritableStream<unknown, unknown>;

/**
 * The one seam between grpc-js and handlers: authenticate, validate, run with a context that
 * carries cancellation and the deadline, map every error to a status, log each call.
 */
export function bindService(service: GrpcService, options: BindOptions): UntypedServiceImplementation {
  const impl: UntypedServiceImplementation = {};
  for (const [key, def] of Object.entries(service.definition)) {
    const method = service.methods[key];
    const rpc = `${service.name}/${def.originalName ?? key}`;
    const log = options.log.child({ rpc });
    if (!method) {
      impl[key] = unimplemented(rpc);
    } else if (method.kind === 'unary') {
      impl[key] = (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
        void run(call, log, options, async (ctx) => {
          const request = parseRequest(method.schema, call.request);
          return (method.handle as (r: unknown, c: CallContext) => Promise<unknown>)(request, ctx);
        }).then(
          (response) => callback(null, response),
          (error: RpcError) => callback(toServiceError(error)),
        );
      };
    } else {
      impl[key] = (call: ServerWritableStream<unknown, unknown>) => {
        void run(call, log, options, async (ctx) => {
          const request = parseRequest(method.schema, call.request);
          const stream = (method.handle as (r: unknown, c: CallContext) => AsyncIterable<unknown>)(request, ctx);
          for await (const message of stream) {
            if (ctx.signal.aborted) break;
            if (!call.write(message)) await new Promise((resolve) => call.once('drain', resolve));
          }
        }).then(
          () => call.end(),
          // grpc-js sends a stream's status only through its 'error' path; destroy() would leave the client waiting.
          (error: RpcError) => call.emit('error', toServiceError(error)),
        );
      };
    }
  }
  return impl;
}

async function run<T>(
  call: AnyCall,
  log: Logger,
  options: BindOptions,
  body: (ctx: CallContext) => Promise<T>,
): Promise<T> {
  const started = performance.now();
  const controller = new AbortController();
  // A handler may fan its signal out to many dependency calls at once (synth's GenerateQuestions runs
  // up to 256 generator calls side by side), each taking its listener back when done: not a leak.
  setMaxListeners(0, controller.signal);
  const deadline = deadlineOf(call);
  const onCancel = () => controller.abort(new RpcError(Status.CANCELLED, 'cancelled by the caller'));
  const onShutdown = () => controller.abort(new RpcError(Status.UNAVAILABLE, 'server is shutting down'));
  call.on('cancelled', onCancel);
  options.shutdown.addEventListener('abort', onShutdown);
  let timer: NodeJS.Timeout | undefined;
  if (deadline) {
    timer = setTimeout(
      () => controller.abort(new RpcError(Status.DEADLINE_EXCEEDED, 'deadline exceeded')),
      Math.max(0, deadline.getTime() - Date.now()),
    );
  }
  try {
    authenticate(call.metadata, options.authToken);
    const result = await body({ signal: controller.signal, deadline, metadata: call.metadata, log });
    if (controller.signal.aborted) throw controller.signal.reason;
    log.debug('rpc ok', { ms: Math.round(performance.now() - started) });
    return result;
  } catch (thrown) {
    const error = RpcError.from(controller.signal.aborted ? controller.signal.reason : thrown);
    const fields = { code: Status[error.code], ms: Math.round(performance.now() - started), message: error.message };
    if (error.code === Status.INTERNAL || error.code === Status.UNKNOWN) {
      log.error('rpc failed', { ...fields, cause: error.causeDetail ?? thrown });
    } else if (error.code === Status.NOT_FOUND) {
      // Routine: callers probe for jobs and runs that do not exist yet.
      log.debug('rpc rejected', fields);
    } else {
      log.info('rpc rejected', fields);
    }
    throw error;
  } finally {
    if (timer) clearTimeout(timer);
    call.off('cancelled', onCancel);
    options.shutdown.removeEventListener('abort', onShutdown);
  }
}

function parseRequest(schema: z.ZodType, request: unknown): unknown {
  if (request instanceof UndecodableRequest) throw request.toRpcError();
  return schema.parse(request);
}

function authenticate(metadata: Metadata, token: string | undefined): void {
  if (token === undefined) return;
  const header = metadata.get('authorization')[0];
  const presented = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : '';
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new RpcError(Status.UNAUTHENTICATED, 'missing or wrong bearer token');
  }
}

function deadlineOf(call: AnyCall): Date | undefined {
  const d = call.getDeadline();
  if (d instanceof Date) return d;
  return Number.isFinite(d) ? new Date(d) : undefined;
}

function toServiceError(error: RpcError): Partial<import('@grpc/grpc-js').ServiceError> {
  const metadata = new Metadata();
  if (error.violations.length > 0) {
    metadata.set('grpc-status-details-bin', statusDetails(error));
  }
  return { code: error.code, details: error.message, metadata };
}

function unimplemented(rpc: string) {
  return (_call: unknown, callback?: sendUnaryData<unknown>) => {
    const error = toServiceError(new RpcError(Status.UNIMPLEMENTED, `${rpc} is not implemented yet`));
    if (typeof callback === 'function') callback(error);
    else (_call as ServerWritableStream<unknown, unknown>).emit('error', error);
  };
}
