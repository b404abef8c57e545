import {
  Metadata,
  type CallOptions,
  type ClientReadableStream,
  type ClientUnaryCall,
  type ServiceError,
} from '@grpc/grpc-js';

export interface CallSettings {
  /** Absolute deadline, usually the caller's own (ctx.deadline) so it holds end to end. */
  deadline?: Date;
  /** Cancels the call when aborted. */
  signal?: AbortSignal;
  metadata?: Metadata;
}

type UnaryFn<Req, Res> = (
  request: Req,
  metadata: Metadata,
  options: Partial<CallOptions>,
  callback: (error: ServiceError | null, response: Res) => void,
) => ClientUnaryCall;

type StreamFn<Req, Res> = (request: Req, metadata?: Metadata, options?: Partial<CallOptions>) => ClientReadableStream<Res>;

/** Promise form of a generated unary method: `await unaryCall(client.solve.bind(client), request)`. */
export function unaryCall<Req, Res>(fn: UnaryFn<Req, Res>, request: Req, settings: CallSettings = {}): Promise<Res> {
  return new Promise<Res>((resolve, reject) => {
    // One signal often spans many calls (a streaming handler's), so each call takes its listener back.
    const onAbort = () => call.cancel();
    const call = fn(request, settings.metadata ?? new Metadata(), optionsOf(settings), (error, response) => {
      settings.signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(response);
    });
    settings.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Async-iterable form of a generated server-streaming method. */
export async function* streamCall<Req, Res>(
  fn: StreamFn<Req, Res>,
  request: Req,
  settings: CallSettings = {},
): AsyncGenerator<Res> {
  const stream = fn(request, settings.metadata ?? new Metadata(), optionsOf(settings));
  const onAbort = () => stream.cancel();
  settings.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const message of stream) yield message as Res;
  } finally {
    settings.signal?.removeEventListener('abort', onAbort);
    stream.cancel();
  }
}

function optionsOf(settings: CallSettings): Partial<CallOptions> {
  return settings.deadline ? { deadline: settings.deadline } : {};
}
