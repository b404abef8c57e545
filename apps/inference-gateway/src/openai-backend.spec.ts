import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { status as Status } from '@grpc/grpc-js';
import { EngineBackend, GenerateRequest, InferenceGatewayServiceClient, InstanceState, ServeModelRequest } from '@aero/contracts';
import { unaryCall } from '@aero/service-kit';
import { failureOf, scrapeMetric } from '@aero/testing';
import { startCountingProxy, type CountingProxy } from './testing/counting-proxy';
import { makeTestCheckpoint } from './testing/make-test-checkpoint';
import { startEngine, type RunningEngine } from './testing/start-engine';
import { startGateway, type RunningGateway } from './testing/start-gateway';
import { writeGatewayConfig } from './testing/write-gateway-config';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aero-gateway-openai-'));
let engine: RunningEngine;
let proxies: CountingProxy[];
let gateway: RunningGateway;
let client: InferenceGatewayServiceClient;
let metricsPort: number;

const generate = (request: Partial<GenerateRequest>) =>
  unaryCall(client.generate.bind(client), GenerateRequest.fromPartial({ prompt: 'Solve 2+3', n: 2, max_tokens: 16, ...request }), {
    deadline: new Date(Date.now() + 20_000),
  });
const status = () => unaryCall(client.getStatus.bind(client), {});
const posts = () => proxies.reduce((sum, p) => sum + p.posts, 0);

beforeAll(async () => {
  const model = await makeTestCheckpoint(dir, 3);
  engine = await startEngine(model, 'remote_model');
  // Two endpoints in front of one engine, so each can be made to fail on its own.
  proxies = await Promise.all([startCountingProxy(engine.port), startCountingProxy(engine.port)]);
  const env = writeGatewayConfig(dir, {
    backend: 'openai',
    served_model_name: 'remote_model',
    max_model_len: 1024,
    ready_timeout_s: 2,
    openai: { base_urls: proxies.map((p) => p.url) },
    routing: { max_concurrency_per_instance: 1, max_queue: 1, retries: 2, backoff_ms: 10 },
  });
  gateway = await startGateway(env);
  ({ client, metricsPort } = gateway);
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await Promise.all(proxies?.map((p) => p.close()) ?? []);
  await engine?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  for (const p of proxies) Object.assign(p, { posts: 0, failWith: 0, delayMs: 0 });
});

describe('the gateway with backend openai', () => {
  it('serves through the configured endpoints and reports them, with no process of its own', async () => {
    expect((await generate({})).model).toBe('remote_model');
    const s = await status();
    expect(s).toMatchObject({ backend: EngineBackend.ENGINE_BACKEND_OPENAI, model: 'remote_model', max_model_len: 1024 });
    expect(s.instances.map((i) => [i.id, i.state, i.pid, i.port, i.base_url])).toEqual(
      proxies.map((p, k) => [`openai-${k}`, InstanceState.INSTANCE_STATE_READY, 0, p.port, p.url]),
    );
  });

  it('retries a 5xx on the other endpoint', async () => {
    proxies[0].failWith = 503;
    const responses = [];
    for (let k = 0; k < 4; k++) responses.push(await generate({}));
    expect(responses.map((r) => r.instance_id)).toEqual(Array(4).fill('openai-1'));
    expect(proxies[0].posts).toBeGreaterThan(0);
    expect(await scrapeMetric(metricsPort, 'aero_gateway_engine_requests_total', 'instance="openai-0",outcome="server"')).toBe(proxies[0].posts);
  });

  it('answers UNAVAILABLE when every endpoint keeps failing', async () => {
    proxies.forEach((p) => (p.failWith = 500));
    expect((await failureOf(generate({}))).code).toBe(Status.UNAVAILABLE);
    expect(posts()).toBe(3);
  });

  it('never retries a 4xx', async () => {
    const failure = await failureOf(generate({ prompt: 'x'.repeat(1100) }));
    expect([failure.code, failure.details.includes('prompt')]).toEqual([Status.INVALID_ARGUMENT, true]);
    expect(posts()).toBe(1);
  });

  it('refuses calls past the queue bound with RESOURCE_EXHAUSTED', async () => {
    proxies.forEach((p) => (p.delayMs = 600));
    // One slot per endpoint and one queue place: three of five concurrent calls are admitted.
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => generate({}).then(() => Status.OK, (e: { code: Status }) => e.code)));
    expect(outcomes.filter((c) => c === Status.OK)).toHaveLength(3);
    expect(outcomes.filter((c) => c === Status.RESOURCE_EXHAUSTED)).toHaveLength(2);
  });

  it('routes around an endpoint that went away and takes it back once it answers again', async () => {
    await proxies[0].close();
    for (let k = 0; k < 3; k++) expect((await generate({})).instance_id).toBe('openai-1');
    expect((await status()).instances[0].state).toBe(InstanceState.INSTANCE_STATE_UNHEALTHY);
    await proxies[0].reopen();
    const deadline = Date.now() + 5_000;
    while ((await status()).instances[0].state !== InstanceState.INSTANCE_STATE_READY && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await status()).instances[0].state).toBe(InstanceState.INSTANCE_STATE_READY);
  });

  it('switches to another served model with ServeModel only if every endpoint lists it', async () => {
    const serve = (checkpoint: string) => unaryCall(client.serveModel.bind(client), ServeModelRequest.fromPartial({ checkpoint, ready_timeout_s: 1 }));
    expect((await failureOf(serve('model_nobody_serves'))).code).toBe(Status.FAILED_PRECONDITION);
    const { status: back } = await serve('remote_model');
    if (!back) throw new Error('ServeModel answered without a status');
    expect(back.model).toBe('remote_model');
    expect(back.instances.map((i) => i.state)).toEqual([InstanceState.INSTANCE_STATE_READY, InstanceState.INSTANCE_STATE_READY]);
    expect((await generate({})).choices).toHaveLength(2);
  });
});
