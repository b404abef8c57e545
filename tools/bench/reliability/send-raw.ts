import { Metadata, status as Status, type Client, type ServiceError, type StatusObject } from '@grpc/grpc-js';
import { BadRequest, Status as RpcStatus } from '@aero/contracts';

/** How a service answered raw request bytes. */
export interface RawAnswer {
  code: Status;
  details: string;
  /** The fields named by the google.rpc.BadRequest in grpc-status-details-bin. */
  fields: string[];
  ms: number;
}

const identity = (bytes: Buffer): Buffer => bytes;

/**
 * Sends `bytes` as they are to `path` (no serializer in between, as a broken or hostile client
 * would), unary or server-streaming. A stream that sends a message was accepted: it is cancelled
 * there and answers OK.
 */
export function sendRaw(client: Client, path: string, streaming: boolean, bytes: Buffer, deadlineMs: number): Promise<RawAnswer> {
  const started = performance.now();
  const options = { deadline: Date.now() + deadlineMs };
  const answer = (status: Pick<StatusObject, 'code' | 'details' | 'metadata'>): RawAnswer => ({
    code: status.code,
    details: status.details,
    fields: violationFields(status.metadata),
    ms: performance.now() - started,
  });
  return new Promise((resolve) => {
    if (!streaming) {
      client.makeUnaryRequest(path, identity, identity, bytes, new Metadata(), options, (error: ServiceError | null) =>
        resolve(answer(error ?? { code: Status.OK, details: '', metadata: new Metadata() })),
      );
      return;
    }
    const call = client.makeServerStreamRequest(path, identity, identity, bytes, new Metadata(), options);
    let accepted: RawAnswer | undefined;
    call.on('data', () => {
      accepted ??= answer({ code: Status.OK, details: 'accepted: the stream sent a message', metadata: new Metadata() });
      call.cancel();
    });
    // Each failed stream also emits 'error'; its 'status' says everything the error would.
    call.on('error', () => undefined);
    call.on('status', (status: StatusObject) => resolve(accepted ?? answer(status)));
  });
}

function violationFields(metadata: Metadata): string[] {
  const details = metadata.get('grpc-status-details-bin')[0];
  if (!(details instanceof Buffer)) return [];
  return RpcStatus.decode(details)
    .details.filter((d) => d.type_url === 'type.googleapis.com/google.rpc.BadRequest')
    .flatMap((d) => BadRequest.decode(d.value).field_violations.map((v) => v.field));
}
