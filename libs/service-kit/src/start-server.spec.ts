import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Metadata, status as Status, type ServiceError } from '@grpc/grpc-js';
import { fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { execa } from 'execa';
import { z } from 'zod';
import {
  AnalyzerServiceClient,
  AnalyzerServiceService,
  BadRequest,
  EquivalenceMethod,
  ExtractAnswerResponse,
  fileDescriptorProtos,
  TrainerServiceClient,
  TrainerServiceService,
  GenerateQuestionsRequest,
  Status as RpcStatus,
  SynthServiceClient,
  SynthServiceService,
  TrainRequest,
  TrainResponse,
} from '@aero/contracts';
import { RpcError } from './rpc-error';
import { askReflection } from './ask-reflection';
import { checkHealth } from './check-health';
import { listServices } from './list-services';
import { connect } from './connect';
import { defineService } from './grpc-service';
import { createLogger } from './logger';
import { serverStream, unary } from './rpc-method';
import { startServer, type RunningServer } from './start-server';
import { streamCall, unaryCall } from './call';

const log = createLogger({ test: 'service-kit' }, 'error', () => undefined);

// A small analyzer used only to exercise the kit: ExtractAnswer validates, CheckEquivalence waits
// for cancellation, Analyze is left out (UNIMPLEMENTED).
const analyzer = defineService(AnalyzerServiceService, {
  extractAnswer: unary(z.object({ text: z.string().min(1, 'must not be empty') }), async (request) =>
    ExtractAnswerResponse.fromPartial({ found: true, answer: request.text.toUpperCase() }),
  ),
  checkEquivalence: unary(z.object({ a: z.string(), b: z.string() }), async (_request, ctx) => {
    await new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
    return { equivalent: false, method: EquivalenceMethod.EQUIVALENCE_METHOD_UNDECIDED, cached: false };
  }),
});

const trainer = defineService(TrainerServiceService, {
  train: serverStream(z.object({ run_id: z.string(), round: z.number() }), async function* (request) {
    for (let step = 1; step <= 3; step++) {
      yield TrainResponse.fromPartial({ job: { id: `${request.run_id}-r${request.round}`, progress: { current_steps: step } } });
      if (request.round === 13 && step === 1) throw new RpcError(Status.FAILED_PRECONDITION, 'round 13 is unlucky');
    }
  }),
});

async function codeOf(call: Promise<unknown>): Promise<number> {
  const error = await call.then(
    () => undefined,
    (e: ServiceError) => e,
  );
  if (!error) throw new Error('expected the call to fail');
  return error.code;
}

describe('startServer', () => {
  let server: RunningServer;
  let client: AnalyzerServiceClient;
  const address = () => `127.0.0.1:${server.port}`;

  beforeEach(async () => {
    server = await startServer({ services: [analyzer, trainer], host: '127.0.0.1', port: 0, log });
    client = connect(AnalyzerServiceClient, address());
  });
  afterEach(async () => {
    client.close();
    await server.shutdown(1000);
  });

  it('answers a valid call', async () => {
    const response = await unaryCall(client.extractAnswer.bind(client), { text: 'x' });
    expect(response).toEqual({ found: true, answer: 'X' });
  });

  it('rejects an invalid request with INVALID_ARGUMENT and a google.rpc.BadRequest naming the field', async () => {
    const error = (await unaryCall(client.extractAnswer.bind(client), { text: '' }).catch((e: ServiceError) => e)) as ServiceError;
    expect(error.code).toBe(Status.INVALID_ARGUMENT);
    expect(error.details).toContain('text');
    const status = RpcStatus.decode(error.metadata.get('grpc-status-details-bin')[0] as Buffer);
    expect({ code: status.code, message: status.message }).toEqual({ code: error.code, message: error.details });
    expect(status.details.map((d) => d.type_url)).toEqual(['type.googleapis.com/google.rpc.BadRequest']);
    expect(BadRequest.decode(status.details[0].value).field_violations).toEqual([{ field: 'text', description: 'must not be empty' }]);
  });

  it('answers UNIMPLEMENTED for a method without a handler', async () => {
    expect(await codeOf(unaryCall(client.analyze.bind(client), { samples: [], allow_judge: false, thresholds: undefined }))).toBe(
      Status.UNIMPLEMENTED,
    );
  });

  it('answers DEADLINE_EXCEEDED when the caller deadline passes, and keeps serving', async () => {
    const call = unaryCall(client.checkEquivalence.bind(client), { a: '1', b: '2', allow_judge: false }, {
      deadline: new Date(Date.now() + 200),
    });
    expect(await codeOf(call)).toBe(Status.DEADLINE_EXCEEDED);
    expect((await unaryCall(client.extractAnswer.bind(client), { text: 'y' })).answer).toBe('Y');
  });

  it('holds many calls in flight, and a call fanned out to many, without a MaxListenersExceededWarning (its own process: jest cannot see process warnings)', async () => {
    const child = await execa(process.execPath, ['--import', 'tsx', path.join(__dirname, 'testing/many-calls-in-flight.ts')]);
    expect(child.stdout).toBe('40 calls answered; one call fanned out to 40');
    expect(child.stderr).not.toContain('MaxListenersExceededWarning');
  }, 60_000);

  it('streams every message of a server stream', async () => {
    const trainerClient = connect(TrainerServiceClient, address());
    const steps: number[] = [];
    for await (const message of streamCall(trainerClient.train.bind(trainerClient), {
      run_id: 'run',
      round: 2,
      dataset: 'd',
      base_model: 'm',
      hyperparameters: undefined,
    })) {
      steps.push(message.job!.progress!.current_steps);
    }
    trainerClient.close();
    expect(steps).toEqual([1, 2, 3]);
  });

  it('delivers the messages sent before a stream fails, then its status', async () => {
    const trainerClient = connect(TrainerServiceClient, address());
    const steps: number[] = [];
    const stream = streamCall(trainerClient.train.bind(trainerClient), TrainRequest.fromPartial({ run_id: 'run', round: 13 }));
    const failure = await (async () => {
      for await (const message of stream) steps.push(message.job!.progress!.current_steps);
    })().then(
      () => undefined,
      (error: ServiceError) => error,
    );
    trainerClient.close();
    expect(steps).toEqual([1]);
    expect(failure?.code).toBe(Status.FAILED_PRECONDITION);
    expect(failure?.details).toBe('round 13 is unlucky');
  });

  it('answers UNIMPLEMENTED on a stream method left out', async () => {
    const synthOnly = await startServer({ services: [defineService(SynthServiceService, {})], host: '127.0.0.1', port: 0, log });
    const synth = connect(SynthServiceClient, `127.0.0.1:${synthOnly.port}`);
    const drain = async () => {
      for await (const _ of streamCall(synth.generateQuestions.bind(synth), GenerateQuestionsRequest.fromPartial({}))) void _;
    };
    expect(await codeOf(drain())).toBe(Status.UNIMPLEMENTED);
    synth.close();
    await synthOnly.shutdown(1000);
  });

  it('reports health per service and lists services through reflection', async () => {
    expect(await checkHealth(address())).toBe('SERVING');
    expect(await checkHealth(address(), 'aero.v1.AnalyzerService')).toBe('SERVING');
    const services = await listServices(address());
    expect(services).toEqual(['aero.v1.AnalyzerService', 'aero.v1.TrainerService']);
  });

  it.each(['v1', 'v1alpha'] as const)(
    'serves through reflection %s the descriptors the compiler emitted, each file with the files it imports',
    async (version) => {
      // A served file is named only if its bytes are exactly those of the compiled descriptor set.
      const compiled = new Map(fileDescriptorProtos().map((b) => [b.toString('base64'), fromBinary(FileDescriptorProtoSchema, b).name]));
      const filesOf = async (request: Record<string, unknown>) =>
        ((await askReflection(address(), request, version)).file_descriptor_response?.file_descriptor_proto ?? [])
          .map((b) => compiled.get(b.toString('base64')) ?? 'not as compiled')
          .sort();
      expect(await filesOf({ file_containing_symbol: 'aero.v1.TrainerService' })).toEqual(['aero/v1/common.proto', 'aero/v1/trainer.proto']);
      expect(await filesOf({ file_by_filename: 'aero/v1/orchestrator.proto' })).toEqual([
        'aero/v1/common.proto',
        'aero/v1/orchestrator.proto',
        'aero/v1/trainer.proto',
        'aero/v1/verifier.proto',
      ]);
      // What a client needs to decode grpc-status-details-bin, though no service names it.
      expect(await filesOf({ file_containing_symbol: 'google.rpc.Status' })).toEqual(['google/protobuf/any.proto', 'google/rpc/status.proto']);
    },
  );

  it('lets a call in flight finish during a graceful shutdown', async () => {
    const slow = defineService(AnalyzerServiceService, {
      extractAnswer: unary(z.object({ text: z.string() }), async (request) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return { found: true, answer: request.text };
      }),
    });
    const other = await startServer({ services: [slow], host: '127.0.0.1', port: 0, log });
    const c = connect(AnalyzerServiceClient, `127.0.0.1:${other.port}`);
    const inFlight = unaryCall(c.extractAnswer.bind(c), { text: 'kept' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopped = other.shutdown(5000);
    expect((await inFlight).answer).toBe('kept');
    await stopped;
    c.close();
  });
});

describe('startServer with bearer auth', () => {
  it('answers UNAUTHENTICATED without the token and serves with it', async () => {
    const server = await startServer({ services: [analyzer], host: '127.0.0.1', port: 0, log, authToken: 's3cret' });
    const address = `127.0.0.1:${server.port}`;
    const anonymous = connect(AnalyzerServiceClient, address);
    const wrong = connect(AnalyzerServiceClient, address, { token: 'nope' });
    const right = connect(AnalyzerServiceClient, address, { token: 's3cret' });
    expect(await codeOf(unaryCall(anonymous.extractAnswer.bind(anonymous), { text: 'a' }))).toBe(Status.UNAUTHENTICATED);
    expect(await codeOf(unaryCall(wrong.extractAnswer.bind(wrong), { text: 'a' }))).toBe(Status.UNAUTHENTICATED);
    expect((await unaryCall(right.extractAnswer.bind(right), { text: 'a' })).answer).toBe('A');
    expect(await checkHealth(address)).toBe('SERVING');
    [anonymous, wrong, right].forEach((c) => c.close());
    await server.shutdown(1000);
  });

  it('authenticates before it validates', async () => {
    const server = await startServer({ services: [analyzer], host: '127.0.0.1', port: 0, log, authToken: 't' });
    const c = connect(AnalyzerServiceClient, `127.0.0.1:${server.port}`);
    const md = new Metadata();
    md.set('authorization', 'Basic dA==');
    expect(await codeOf(unaryCall(c.extractAnswer.bind(c), { text: '' }, { metadata: md }))).toBe(Status.UNAUTHENTICATED);
    c.close();
    await server.shutdown(1000);
  });
});

describe('startServer with TLS', () => {
  it('serves TLS clients that trust its certificate', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aero-tls-'));
    const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
    await execa('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ]);
    const tls = { enabled: true, cert, key, ca: cert };
    const server = await startServer({ services: [analyzer], host: '127.0.0.1', port: 0, log, tls });
    const secure = connect(AnalyzerServiceClient, `localhost:${server.port}`, { tls });
    expect((await unaryCall(secure.extractAnswer.bind(secure), { text: 'tls' })).answer).toBe('TLS');
    const plain = connect(AnalyzerServiceClient, `localhost:${server.port}`);
    expect(await codeOf(unaryCall(plain.extractAnswer.bind(plain), { text: 'x' }, { deadline: new Date(Date.now() + 2000) }))).toBe(
      Status.UNAVAILABLE,
    );
    secure.close();
    plain.close();
    await server.shutdown(1000);
  });
});
