import { Client, credentials, Metadata, status as Status, type ServiceError } from '@grpc/grpc-js';
import { z } from 'zod';
import { AnalyzerServiceClient, AnalyzerServiceService, BadRequest, Status as RpcStatus } from '@aero/contracts';
import { unaryCall } from './call';
import { connect } from './connect';
import { defineService } from './grpc-service';
import { createLogger } from './logger';
import { unary } from './rpc-method';
import { startServer, type RunningServer } from './start-server';

const log = createLogger({ test: 'undecodable-request' }, 'error', () => undefined);
const analyzer = defineService(AnalyzerServiceService, {
  extractAnswer: unary(z.object({ text: z.string() }), async (request) => ({ found: true, answer: request.text })),
});
// An unterminated varint: no proto3 message decodes from it.
const garbage = Buffer.from([0xff, 0xff, 0xff]);

/** Sends raw bytes to ExtractAnswer, as a client with a broken serializer would. */
function sendRaw(address: string, bytes: Buffer, metadata = new Metadata()): Promise<ServiceError> {
  const client = new Client(address, credentials.createInsecure());
  const identity = (b: Buffer) => b;
  return new Promise<ServiceError>((resolve, reject) => {
    client.makeUnaryRequest('/aero.v1.AnalyzerService/ExtractAnswer', identity, identity, bytes, metadata, (error) => {
      client.close();
      if (error) resolve(error);
      else reject(new Error('expected the call to fail'));
    });
  });
}

describe('a request whose bytes do not decode', () => {
  let server: RunningServer;
  afterEach(() => server.shutdown(1000));

  it('answers INVALID_ARGUMENT saying so, and the server keeps serving', async () => {
    server = await startServer({ services: [analyzer], host: '127.0.0.1', port: 0, log });
    const address = `127.0.0.1:${server.port}`;
    const error = await sendRaw(address, garbage);
    expect(error.code).toBe(Status.INVALID_ARGUMENT);
    expect(error.details).toMatch(/^the request could not be decoded: /);
    const client = connect(AnalyzerServiceClient, address);
    expect((await unaryCall(client.extractAnswer.bind(client), { text: 'ok' })).answer).toBe('ok');
    client.close();
  });

  it('names the field sent with the wrong wire type, which the decoder would have dropped', async () => {
    server = await startServer({ services: [analyzer], host: '127.0.0.1', port: 0, log });
    // text (field 1, a string) as a varint: decoded as is, the request would be a valid empty text.
    const error = await sendRaw(`127.0.0.1:${server.port}`, Buffer.from([1 << 3, 5]));
    expect(error.code).toBe(Status.INVALID_ARGUMENT);
    expect(error.details).toBe('the request could not be decoded: text has wire type VARINT (0), expected LEN (2) for a string');
    const details = RpcStatus.decode(error.metadata.get('grpc-status-details-bin')[0] as Buffer).details[0];
    expect(BadRequest.decode(details.value).field_violations).toEqual([{ field: 'text', description: 'has wire type VARINT (0), expected LEN (2) for a string' }]);
  });

  it('is authenticated first, like any other request', async () => {
    server = await startServer({ services: [analyzer], host: '127.0.0.1', port: 0, log, authToken: 't' });
    const address = `127.0.0.1:${server.port}`;
    expect((await sendRaw(address, garbage)).code).toBe(Status.UNAUTHENTICATED);
    const md = new Metadata();
    md.set('authorization', 'Bearer t');
    expect((await sendRaw(address, garbage, md)).code).toBe(Status.INVALID_ARGUMENT);
  });
});
