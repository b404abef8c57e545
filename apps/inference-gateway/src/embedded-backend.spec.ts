import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { status as Status } from '@grpc/grpc-js';
import { GenerateRequest, InferenceGatewayServiceClient, InstanceState, ServeModelRequest } from '@aero/contracts';
import { unaryCall } from '@aero/service-kit';
import { failureOf, scrapeMetric } from '@aero/testing';
import { isAlive } from './testing/is-alive';
import { makeTestCheckpoint } from './testing/make-test-checkpoint';
import { startGateway, type RunningGateway } from './testing/start-gateway';
import { writeGatewayConfig } from './testing/write-gateway-config';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aero-gateway-embedded-'));
let modelA: string;
let modelB: string;
let gateway: RunningGateway;
let client: InferenceGatewayServiceClient;
let metricsPort: number;
/** Every engine pid the gateway reported, to check that none outlives it. */
const enginePids = new Set<number>();

const status = async () => {
  const s = await unaryCall(client.getStatus.bind(client), {});
  s.instances.forEach((i) => i.pid && enginePids.add(i.pid));
  return s;
};
const generate = (request: Partial<GenerateRequest>, deadlineMs = 30_000) =>
  unaryCall(client.generate.bind(client), GenerateRequest.fromPartial(request), { deadline: new Date(Date.now() + deadlineMs) });
const serveModel = (checkpoint: string) =>
  unaryCall(client.serveModel.bind(client), ServeModelRequest.fromPartial({ checkpoint }), { deadline: new Date(Date.now() + 60_000) });
/** A copy of `model` that passes for a checkpoint (config.json, model.safetensors) but that no engine can load. */
const unloadableCopyOf = (model: string, name: string) => {
  const copy = path.join(dir, name);
  fs.cpSync(model, copy, { recursive: true });
  fs.writeFileSync(path.join(copy, 'model.safetensors'), 'not weights');
  return copy;
};
/** Greedy decoding of this tiny model repeats one character and never stops early: a long, steady load. */
const longGreedy = (n: number, max_tokens: number) => ({ prompt: 'Solve 12*34', n, temperature: 0, max_tokens });

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  [modelA, modelB] = await Promise.all([makeTestCheckpoint(dir, 1), makeTestCheckpoint(dir, 2)]);
  const env = writeGatewayConfig(dir, {
    backend: 'embedded',
    model: modelA,
    max_model_len: 1024,
    embedded: { instances: 2 },
    routing: { max_concurrency_per_instance: 4, retries: 3, backoff_ms: 20 },
  });
  gateway = await startGateway(env);
  ({ client, metricsPort } = gateway);
  await status();
}, 90_000);

afterAll(async () => {
  await gateway?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the gateway over two embedded engine processes', () => {
  it('spreads concurrent calls over both instances', async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, () => generate({ prompt: 'Solve 2+3', n: 4, max_tokens: 64 })));
    expect(new Set(responses.map((r) => r.instance_id))).toEqual(new Set(['embedded-0', 'embedded-1']));
    const s = await status();
    expect(s.instances.map((i) => i.served_tokens > 0)).toEqual([true, true]);
  }, 60_000);

  it('keeps every call succeeding when an instance is killed with SIGKILL under load, and restarts it', async () => {
    const retriesBefore = await scrapeMetric(metricsPort, 'aero_gateway_retries_total');
    const calls = Array.from({ length: 12 }, () => generate(longGreedy(8, 400)));
    const busy = await until(status, (s) => s.instances[0].outstanding > 0);
    const victim = busy.instances[0];
    expect(victim.outstanding).toBeGreaterThan(0);
    process.kill(victim.pid, 'SIGKILL');

    const responses = await Promise.all(calls);
    expect(responses.map((r) => r.choices.length)).toEqual(Array(12).fill(8));
    expect(await scrapeMetric(metricsPort, 'aero_gateway_retries_total')).toBeGreaterThan(retriesBefore);

    const back = await until(status, (s) => s.instances[0].state === InstanceState.INSTANCE_STATE_READY && s.instances[0].restarts === 1);
    expect(back.instances[0]).toMatchObject({ state: InstanceState.INSTANCE_STATE_READY, restarts: 1 });
    expect(back.instances[0].pid).not.toBe(victim.pid);
    expect(isAlive(victim.pid)).toBe(false);
    expect((await generate({ prompt: 'Solve 2+3', n: 16, max_tokens: 8 })).choices).toHaveLength(16);
    expect(gateway.process.stderr()).toMatch(new RegExp(`"msg":"engine crashed","instance":"embedded-0","engine_pid":${victim.pid}`));
  }, 60_000);

  it('restarts an engine stopped with SIGTERM from outside, logged as stopped, not crashed', async () => {
    const { instances } = await status();
    process.kill(instances[1].pid, 'SIGTERM');
    const back = await until(status, (s) => s.instances[1].state === InstanceState.INSTANCE_STATE_READY && s.instances[1].pid !== instances[1].pid);
    expect(back.instances[1].restarts).toBe(instances[1].restarts + 1);
    const logged = gateway.process.stderr();
    expect(logged).toMatch(new RegExp(`"msg":"engine stopped from outside the gateway; restarting it","instance":"embedded-1","engine_pid":${instances[1].pid}`));
    expect(logged).not.toMatch(new RegExp(`"engine crashed","instance":"embedded-1","engine_pid":${instances[1].pid}`));
  }, 60_000);

  it('answers DEADLINE_EXCEEDED once the caller deadline passes and gives up the engine request', async () => {
    const engineRequests = (outcome: string) => scrapeMetric(metricsPort, 'aero_gateway_engine_requests_total', `outcome="${outcome}"`);
    const [abortedBefore, okBefore] = [await engineRequests('aborted'), await engineRequests('ok')];
    const started = Date.now();
    // 512 x 1000 tokens, up to 8 engine requests: seconds of decoding even for this tiny model on a fast machine.
    const failure = await failureOf(generate(longGreedy(512, 1000), 300));
    expect(failure.code).toBe(Status.DEADLINE_EXCEEDED);
    expect(Date.now() - started).toBeLessThan(2_000);
    const idle = await until(status, (s) => s.instances.every((i) => i.outstanding === 0), 2_000);
    expect(idle.instances.map((i) => i.outstanding)).toEqual([0, 0]);
    // Every engine request the call made was given up, none ran to its end.
    expect(await engineRequests('aborted')).toBeGreaterThan(abortedBefore);
    expect(await engineRequests('ok')).toBe(okBefore);
  }, 30_000);

  it('swaps the checkpoint with ServeModel in the running engines; calls made during the swap wait, later calls and restarts after a crash see the new model', async () => {
    const greedy = async () => (await generate({ prompt: 'Solve 2+3', n: 1, temperature: 0, max_tokens: 40 })).choices[0].text;
    const beforeText = await greedy();
    const before = await status();

    const swapped = unaryCall(client.serveModel.bind(client), ServeModelRequest.fromPartial({ checkpoint: modelB }), {
      deadline: new Date(Date.now() + 60_000),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const duringSwap = generate({ prompt: 'Solve 2+3', n: 2, max_tokens: 8 });
    const { status: after } = await swapped;
    if (!after) throw new Error('ServeModel answered without a status');

    expect(after.checkpoint).toBe(modelB);
    expect(after.instances.map((i) => i.state)).toEqual([InstanceState.INSTANCE_STATE_READY, InstanceState.INSTANCE_STATE_READY]);
    expect(after.instances.map((i) => i.pid)).toEqual(before.instances.map((i) => i.pid));
    expect((await duringSwap).choices).toHaveLength(2);
    // The engine lists the served name only: where the checkpoint lies is none of an HTTP client's business.
    const listed = (await (await fetch(`${after.instances[0].base_url}/models`)).json()) as { data: { id: string; root: string }[] };
    expect(listed.data.map((m) => [m.id, m.root])).toEqual([['aero_model', 'aero_model']]);
    const onB = await greedy();
    expect(onB).not.toBe(beforeText);

    // An engine that crashes after the swap comes back on the new model, not the one it started with.
    after.instances.forEach((i) => process.kill(i.pid, 'SIGKILL'));
    const back = await until(status, (s) => s.instances.every((i, k) => i.state === InstanceState.INSTANCE_STATE_READY && i.pid !== after.instances[k].pid));
    back.instances.forEach((i) => enginePids.add(i.pid));
    expect([await greedy(), await greedy()]).toEqual([onB, onB]);
  }, 90_000);

  it('keeps serving the old model in the same engines when they refuse the new one, and answers with their reason', async () => {
    const before = await status();
    const broken = unloadableCopyOf(modelA, 'broken');
    const failure = await failureOf(serveModel(broken));
    expect(failure.code).toBe(Status.FAILED_PRECONDITION);
    expect(failure.details).toMatch(new RegExp(`^cannot serve \\S+broken: embedded-[01] refused it: 400 Cannot load \\S+broken: .+; still serving ${modelB}$`));

    expect((await generate({ prompt: 'Solve 2+3', n: 2, max_tokens: 8 })).choices).toHaveLength(2);
    const after = await status();
    expect([after.checkpoint, ...after.instances.map((i) => [i.state, i.pid])]).toEqual([
      modelB,
      ...before.instances.map((i) => [InstanceState.INSTANCE_STATE_READY, i.pid]),
    ]);
    expect(after.instances.map((i) => i.restarts)).toEqual(before.instances.map((i) => i.restarts));
  }, 90_000);

  it('stops every engine it started when it stops', async () => {
    await status();
    await gateway.stop();
    expect([...enginePids].filter(isAlive)).toEqual([]);
  }, 30_000);
});
