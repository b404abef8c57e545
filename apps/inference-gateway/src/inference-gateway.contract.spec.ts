import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { status as Status } from '@grpc/grpc-js';
import {
  EngineBackend,
  GenerateRequest,
  InferenceGatewayServiceClient,
  InstanceState,
  Role,
  ServeModelRequest,
} from '@aero/contracts';
import { checkHealth, unaryCall } from '@aero/service-kit';
import { describeServiceContract, failureOf, scrapeMetric } from '@aero/testing';
import { makeTestCheckpoint } from './testing/make-test-checkpoint';
import { startGateway, type RunningGateway } from './testing/start-gateway';
import { writeGatewayConfig } from './testing/write-gateway-config';

const CONTEXT = 128;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aero-gateway-contract-'));
// Filled in before the contract suite's own beforeAll reads it.
const env: Record<string, string> = {};
let model: string;

beforeAll(async () => {
  model = await makeTestCheckpoint(dir, 1, CONTEXT);
  Object.assign(env, writeGatewayConfig(dir, { backend: 'embedded', model, max_model_len: CONTEXT, routing: { max_n_per_request: 16 } }));
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describeServiceContract({
  entry: 'apps/inference-gateway/src/main.ts',
  service: 'aero.v1.InferenceGatewayService',
  client: InferenceGatewayServiceClient,
  malformed: { call: (c) => unaryCall(c.generate.bind(c), GenerateRequest.fromPartial({ prompt: 'Solve 2+3', n: 0 })), field: 'n' },
  env,
});

describe('InferenceGatewayService over one embedded engine', () => {
  let gateway: RunningGateway;
  let client: InferenceGatewayServiceClient;
  let metricsPort: number;
  const generate = (request: Partial<GenerateRequest>) =>
    unaryCall(client.generate.bind(client), GenerateRequest.fromPartial({ max_tokens: 24, ...request }), {
      deadline: new Date(Date.now() + 20_000),
    });
  const engineRequests = () => scrapeMetric(metricsPort, 'aero_gateway_engine_requests_total');
  const serve = (checkpoint: string) => unaryCall(client.serveModel.bind(client), ServeModelRequest.fromPartial({ checkpoint }));

  beforeAll(async () => {
    gateway = await startGateway(env);
    ({ client, metricsPort } = gateway);
  }, 60_000);
  afterAll(() => gateway?.stop());

  it('reports the backend, the model and a ready instance', async () => {
    const status = await unaryCall(client.getStatus.bind(client), {});
    expect(status).toMatchObject({ backend: EngineBackend.ENGINE_BACKEND_EMBEDDED, model: 'aero_model', checkpoint: model, queue_depth: 0, max_model_len: CONTEXT });
    expect(status.instances).toHaveLength(1);
    const [instance] = status.instances;
    expect(instance).toMatchObject({ id: 'embedded-0', state: InstanceState.INSTANCE_STATE_READY, outstanding: 0, restarts: 0, gpus: '' });
    expect(instance.pid).toBeGreaterThan(0);
    expect(instance.base_url).toBe(`http://127.0.0.1:${instance.port}/v1`);
  });

  it('answers n completions of a prompt with one engine request', async () => {
    const before = await engineRequests();
    const response = await generate({ prompt: 'Solve 2+3', n: 8, role: Role.ROLE_SOLVER });
    expect(response.choices.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const { prompt_tokens, completion_tokens, total_tokens } = response.usage ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: -1 };
    expect(completion_tokens).toBeGreaterThan(0);
    expect(total_tokens).toBe(prompt_tokens + completion_tokens);
    expect(response).toMatchObject({ model: 'aero_model', instance_id: 'embedded-0' });
    expect((await engineRequests()) - before).toBe(1);
  });

  it('splits n above max_n_per_request over several engine requests and still answers exactly n', async () => {
    const before = await engineRequests();
    const response = await generate({ prompt: 'Solve 2+3', n: 40, max_tokens: 8 });
    expect(response.choices.map((c) => c.index)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect((await engineRequests()) - before).toBe(3);
  });

  it('serves chat messages', async () => {
    const response = await generate({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Solve 1+1' }], n: 2 });
    expect(response.choices).toHaveLength(2);
  });

  it('draws the same samples for the same seed and others for another seed', async () => {
    const texts = async (seed: number) => (await generate({ prompt: 'Solve 7*6', n: 4, seed, temperature: 1 })).choices.map((c) => c.text);
    const first = await texts(5);
    expect(await texts(5)).toEqual(first);
    expect(await texts(6)).not.toEqual(first);
  });

  it.each<[string, Partial<GenerateRequest>, string]>([
    ['n = 0', { prompt: 'x', n: 0 }, 'n'],
    ['a negative temperature', { prompt: 'x', n: 1, temperature: -0.5 }, 'temperature'],
    ['an empty prompt', { prompt: '', n: 1 }, 'prompt'],
    ['an unknown role', { prompt: 'x', n: 1, role: 42 as Role }, 'role'],
    ['a seed beyond uint32', { prompt: 'x', n: 1, seed: 2 ** 32 }, 'seed'],
    ['an unknown chat role', { messages: [{ role: 'oracle', content: 'x' }], n: 1 }, 'messages.0.role'],
    ['nine stop sequences', { prompt: 'x', n: 1, stop: Array.from({ length: 9 }, (_, i) => `~${i}~`) }, 'stop: must hold at most 8 strings'],
    ['a stop sequence of 2 MiB', { prompt: 'x', n: 1, stop: ['\n', 'x'.repeat(2 ** 21)] }, 'stop.1: must be at most 256 characters'],
    ['max_tokens at the model limit', { prompt: 'x', n: 1, max_tokens: CONTEXT }, 'max_tokens'],
    ['a prompt longer than the context (the engine refuses it)', { prompt: 'x'.repeat(CONTEXT + 10), n: 1, max_tokens: 4 }, 'prompt'],
  ])('rejects %s with INVALID_ARGUMENT naming the field', async (_, request, field) => {
    const failure = await failureOf(generate(request));
    expect(failure.code).toBe(Status.INVALID_ARGUMENT);
    expect(failure.details).toContain(field);
  });

  it('rejects a ServeModel without a checkpoint, with one an engine would read as an option, or with one that does not exist, and keeps serving', async () => {
    const missing = await failureOf(serve(''));
    expect([missing.code, missing.details.includes('checkpoint')]).toEqual([Status.INVALID_ARGUMENT, true]);
    const optionLike = await failureOf(serve('-x'));
    expect(optionLike.code).toBe(Status.INVALID_ARGUMENT);
    expect(optionLike.details).toMatch(/checkpoint: must not start with "-"/);
    expect((await failureOf(serve(path.join(dir, 'no-such-model')))).code).toBe(Status.NOT_FOUND);
    const status = await unaryCall(client.getStatus.bind(client), {});
    expect([status.checkpoint, status.instances[0].state]).toEqual([model, InstanceState.INSTANCE_STATE_READY]);
  });

  it('refuses a ServeModel of a folder that is no checkpoint (/etc) before stopping anything, and serves the old model right after', async () => {
    const before = await unaryCall(client.getStatus.bind(client), {});
    const refused = await failureOf(serve('/etc'));
    expect(refused.code).toBe(Status.FAILED_PRECONDITION);
    expect(refused.details).toContain('/etc is not a model folder (no config.json, no model.safetensors)');
    expect((await generate({ prompt: 'Solve 2+3', n: 2 })).choices).toHaveLength(2);
    const after = await unaryCall(client.getStatus.bind(client), {});
    expect([after.checkpoint, after.instances[0].state, after.instances[0].pid]).toEqual([model, InstanceState.INSTANCE_STATE_READY, before.instances[0].pid]);
  });

  it('stays up after bad input', async () => {
    expect(await checkHealth(gateway.process.address)).toBe('SERVING');
    expect((await generate({ prompt: 'Solve 2+3', n: 1 })).choices).toHaveLength(1);
  });

  it('counts requests, errors and tokens on the Prometheus endpoint', async () => {
    expect(await scrapeMetric(metricsPort, 'aero_gateway_requests_total', 'code="OK"')).toBeGreaterThan(0);
    expect(await scrapeMetric(metricsPort, 'aero_gateway_engine_requests_total', 'outcome="rejected"')).toBeGreaterThan(0);
    expect(await scrapeMetric(metricsPort, 'aero_gateway_tokens_total', 'role="solver",kind="completion"')).toBeGreaterThan(0);
    expect(await scrapeMetric(metricsPort, 'aero_gateway_request_duration_seconds_count')).toBeGreaterThan(0);
    expect(await scrapeMetric(metricsPort, 'aero_gateway_instance_state', 'state="READY"')).toBe(1);
  });
});
