import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { status as Status } from '@grpc/grpc-js';
import { EngineBackend, GenerateRequest, InstanceState, Role, ServeModelRequest } from '@aero/contracts';
import { unaryCall } from '@aero/service-kit';
import { failureOf } from '@aero/testing';
import { freePorts } from './testing/free-ports';
import { installVllmStandIn, type VllmStandIn } from './testing/install-vllm-stand-in';
import { isAlive } from './testing/is-alive';
import { makeTestCheckpoint } from './testing/make-test-checkpoint';
import { startGateway } from './testing/start-gateway';
import { writeGatewayConfig } from './testing/write-gateway-config';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aero-gateway-vllm-'));
/** A Hugging Face cache stand-in: the "Hub" checkpoints vllm can load by id. */
const hub = path.join(dir, 'hub');
let model: string;
/** The stand-in `vllm` first on PATH, as a deployment would have the real one. */
let vllm: VllmStandIn;

beforeAll(async () => {
  vllm = installVllmStandIn(path.join(dir, 'bin'), path.join(dir, 'records'));
  model = await makeTestCheckpoint(dir, 4);
  fs.mkdirSync(path.join(hub, 'test-org'), { recursive: true });
  fs.cpSync(model, path.join(hub, 'test-org', 'tiny-qwen3'), { recursive: true });
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the gateway with backend vllm', () => {
  it('runs one vllm serve per GPU group with the exact flags, waits for the model, serves, and leaves no process behind', async () => {
    const portBase = await freePorts(2);
    const env = writeGatewayConfig(dir, {
      backend: 'vllm',
      model,
      max_model_len: 1024,
      vllm: {
        gpu_groups: ['0,1', '2,3'],
        port_base: portBase,
        gpu_memory_utilization: 0.5,
        tensor_parallel_size: 2,
        seed: 11,
        extra_args: ['--enforce-eager'],
      },
    });
    const gateway = await startGateway({ ...env, ...vllm.env });
    const listeningAt = Date.now();
    const { client } = gateway;
    try {
      const records = [vllm.recordOf(portBase), vllm.recordOf(portBase + 1)];
      records.forEach((record, i) => {
        expect(record.argv).toEqual([
          'serve', model,
          '--host', '127.0.0.1',
          '--port', String(portBase + i),
          '--served-model-name', 'aero_model',
          '--max-model-len', '1024',
          '--gpu-memory-utilization', '0.5',
          '--tensor-parallel-size', '2',
          '--seed', '11',
          '--generation-config', 'vllm',
          '--enforce-eager',
        ]);
        // The gateway probed while the model was loading and reported itself ready only after the model was listed.
        expect(record.loadingProbes).toBeGreaterThan(0);
        expect(record.readyAt).toBeLessThanOrEqual(listeningAt);
      });
      expect(records.map((r) => r.cudaVisibleDevices)).toEqual(['0,1', '2,3']);

      const status = await unaryCall(client.getStatus.bind(client), {});
      expect(status.backend).toBe(EngineBackend.ENGINE_BACKEND_VLLM);
      expect(status.instances.map((i) => [i.id, i.state, i.pid, i.port, i.gpus])).toEqual([
        ['vllm-0', InstanceState.INSTANCE_STATE_READY, records[0].pid, portBase, '0,1'],
        ['vllm-1', InstanceState.INSTANCE_STATE_READY, records[1].pid, portBase + 1, '2,3'],
      ]);

      const responses = await Promise.all(
        Array.from({ length: 4 }, () =>
          unaryCall(client.generate.bind(client), GenerateRequest.fromPartial({ prompt: 'Solve 2+3', n: 4, max_tokens: 32 })),
        ),
      );
      expect(new Set(responses.map((r) => r.instance_id))).toEqual(new Set(['vllm-0', 'vllm-1']));
      expect(fs.readFileSync(path.join(dir, 'runs/engine-logs/vllm-1.log'), 'utf8')).toContain('Loading model weights');
    } finally {
      await gateway.stop();
    }
    const records = [vllm.recordOf(portBase), vllm.recordOf(portBase + 1)];
    records.forEach((r) => expect(r.enginePid).toBeGreaterThan(0));
    expect(records.flatMap((r) => [r.pid, r.enginePid ?? 0]).filter(isAlive)).toEqual([]);
  }, 90_000);

  it('serves a Qwen3 checkpoint by Hub id with the template settings, the same stop tokens after a swap, and frees its GPUs on StopEngines', async () => {
    const port = await freePorts(1);
    const env = writeGatewayConfig(
      dir,
      {
        backend: 'vllm',
        model: 'test-org/tiny-qwen3',
        max_model_len: 1024,
        chat_template: { name: 'qwen3', enable_thinking: false },
        sampling: { top_p: { solver: 0.95 }, top_k: { solver: 20 } },
        routing: { max_n_per_request: 4 },
        vllm: { gpu_groups: ['0'], port_base: port, generation_config: 'auto' },
      },
      'qwen3.yaml',
    );
    const gateway = await startGateway({ ...env, ...vllm.env, VLLM_STAND_IN_HUB: hub });
    const { client } = gateway;
    const solve = () =>
      unaryCall(
        client.generate.bind(client),
        GenerateRequest.fromPartial({ messages: [{ role: 'user', content: 'Solve 2+3' }], n: 12, seed: 100, max_tokens: 8, role: Role.ROLE_SOLVER }),
      );
    const started: number[] = [];
    try {
      started.push(vllm.recordOf(port).pid);
      expect(vllm.recordOf(port).argv.slice(0, 2)).toEqual(['serve', 'test-org/tiny-qwen3']);
      expect(vllm.recordOf(port).argv).toContain('auto');
      expect((await solve()).choices).toHaveLength(12);

      // The next round's model, a local folder: a new vllm serve, and the requests stop the same way.
      await unaryCall(client.serveModel.bind(client), ServeModelRequest.fromPartial({ checkpoint: model }));
      started.push(vllm.recordOf(port).pid);
      expect(vllm.recordOf(port).argv[1]).toBe(model);
      await solve();

      const requests = vllm.requestsOf(port);
      // n = 12 at most 4 per request: three requests, seeded so that sample i of the call gets seed 100 + i.
      expect(requests.map((r) => [r.body.n, r.body.seed])).toEqual([
        [4, 100], [4, 104], [4, 108],
        [4, 100], [4, 104], [4, 108],
      ]);
      for (const { body, rendered } of requests) {
        expect(body).toMatchObject({ stop_token_ids: [151645], chat_template_kwargs: { enable_thinking: false }, top_p: 0.95, top_k: 20 });
        expect(rendered).toBe('<|im_start|>user\nSolve 2+3<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n');
      }

      const stopped = await unaryCall(client.stopEngines.bind(client), {});
      expect(stopped.status?.instances.map((i) => [i.state, i.gpus])).toEqual([[InstanceState.INSTANCE_STATE_STOPPED, '0']]);
      expect(started.filter(isAlive)).toEqual([]);
      expect(isAlive(vllm.recordOf(port).enginePid ?? 0)).toBe(false);
      expect((await failureOf(solve())).code).toBe(Status.FAILED_PRECONDITION);

      await unaryCall(client.serveModel.bind(client), ServeModelRequest.fromPartial({ checkpoint: model }));
      started.push(vllm.recordOf(port).pid);
      expect((await solve()).choices).toHaveLength(12);
    } finally {
      await gateway.stop();
    }
    expect(started.filter(isAlive)).toEqual([]);
  }, 120_000);

  it('restarts vllm on the old model when the new one does not start, says where the log is; when the old one fails too, turns Generate away with UNAVAILABLE until a ServeModel succeeds', async () => {
    const port = await freePorts(1);
    // A run store of its own: the gateway logs a log's tail, and the other tests read vllm-0.log's.
    const own = fs.mkdtempSync(path.join(dir, 'rollback-'));
    const env = writeGatewayConfig(own, { backend: 'vllm', model, max_model_len: 1024, vllm: { gpu_groups: ['0'], port_base: port } });
    const gateway = await startGateway({ ...env, ...vllm.env });
    const { client } = gateway;
    const serveModel = (checkpoint: string) =>
      unaryCall(client.serveModel.bind(client), ServeModelRequest.fromPartial({ checkpoint }), { deadline: new Date(Date.now() + 60_000) });
    const solve = (deadlineMs = 30_000) =>
      unaryCall(client.generate.bind(client), GenerateRequest.fromPartial({ prompt: 'Solve 2+3', n: 2, max_tokens: 8 }), { deadline: new Date(Date.now() + deadlineMs) });
    /** Passes for a checkpoint (config.json, model.safetensors), but no engine can load it. */
    const unloadableCopy = (name: string) => {
      const copy = path.join(own, name);
      fs.cpSync(model, copy, { recursive: true });
      fs.writeFileSync(path.join(copy, 'model.safetensors'), 'not weights');
      return copy;
    };
    const started = [vllm.recordOf(port).pid];
    try {
      const failure = await failureOf(serveModel(unloadableCopy('broken')));
      expect(failure.code).toBe(Status.FAILED_PRECONDITION);
      expect(failure.details).toMatch(new RegExp(`^cannot serve \\S+broken: vllm-0 did not become ready on \\S+broken: .* \\(log: \\S+vllm-0\\.log\\); still serving ${model}$`));
      const logged = fs.readFileSync(path.join(own, 'runs/engine-logs/vllm-0.log'), 'utf8').split('\n');
      const engineError = logged.find((line) => line.startsWith('error: '));
      expect(engineError).toBeDefined();
      expect(failure.details).not.toContain(engineError);
      started.push(vllm.recordOf(port).pid);
      expect(started[1]).not.toBe(started[0]);
      expect(isAlive(started[0])).toBe(false);
      expect((await solve()).choices).toHaveLength(2);

      // The served model's folder breaks under it: its vllm has the weights loaded, only a new start fails.
      const doomed = path.join(own, 'doomed');
      fs.cpSync(model, doomed, { recursive: true });
      await serveModel(doomed);
      started.push(vllm.recordOf(port).pid);
      fs.writeFileSync(path.join(doomed, 'model.safetensors'), 'not weights');
      const swap = failureOf(serveModel(unloadableCopy('broken-too')));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const waitedOutTheSwap = failureOf(solve(60_000));
      const down = await swap;
      expect(down.code).toBe(Status.FAILED_PRECONDITION);
      expect(down.details).toMatch(new RegExp(`^no model is served: cannot serve \\S+broken-too: .*; serving ${doomed} again failed too: `));
      expect((await waitedOutTheSwap).code).toBe(Status.UNAVAILABLE);
      const turnedAwayAt = Date.now();
      const unavailable = await failureOf(solve(60_000));
      expect(Date.now() - turnedAwayAt).toBeLessThan(1_000);
      expect(unavailable.code).toBe(Status.UNAVAILABLE);
      expect(unavailable.details).toMatch(/^no model is served: cannot serve \S+broken-too: .*; ServeModel starts one$/);

      await serveModel(model);
      started.push(vllm.recordOf(port).pid);
      expect((await solve()).choices).toHaveLength(2);
    } finally {
      await gateway.stop();
    }
    expect(started.filter(isAlive)).toEqual([]);
  }, 180_000);

  it('fails to start naming the instance and its log file when vllm is not ready in time, logs the log\'s tail itself, and stops it', async () => {
    const portBase = await freePorts(1);
    const env = writeGatewayConfig(
      dir,
      { backend: 'vllm', model, max_model_len: 1024, ready_timeout_s: 2, vllm: { gpu_groups: ['0'], port_base: portBase } },
      'hang.yaml',
    );
    const stderr = await startGateway({ ...env, ...vllm.env, VLLM_STAND_IN_MODE: 'hang' }).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(stderr).toMatch(/"msg":"start-up failed","error":"vllm-0 did not become ready on [^"]+: not ready in time [^"]* \(log: [^"]+\/vllm-0\.log\)"/);
    expect(stderr).toMatch(/"msg":"engine did not become ready",.*"log":"[^"]*Loading model weights/);
    expect(isAlive(vllm.recordOf(portBase).pid)).toBe(false);
  }, 60_000);

  it('with gRPC auth on, hands vllm an API key in its environment only and sends it with every request', async () => {
    const port = await freePorts(1);
    const env = writeGatewayConfig(dir, { backend: 'vllm', model, max_model_len: 1024, vllm: { gpu_groups: ['0'], port_base: port } }, 'auth.yaml', {
      auth: { enabled: true },
    });
    const gateway = await startGateway({ ...env, ...vllm.env, AERO_AUTH_TOKEN: 'grpc-token' }, 'grpc-token');
    try {
      const response = await unaryCall(gateway.client.generate.bind(gateway.client), GenerateRequest.fromPartial({ prompt: 'Solve 2+3', n: 2, max_tokens: 8 }));
      expect(response.choices).toHaveLength(2);
      const record = vllm.recordOf(port);
      expect(record.apiKeyFrom).toBe('VLLM_API_KEY');
      expect(record.argv).not.toContain('--api-key');
      // Every probe and request of the gateway carried the key; one without it is refused.
      expect(record.unauthorized).toBe(0);
      expect(vllm.requestsOf(port)).toHaveLength(1);
      expect((await fetch(`http://127.0.0.1:${port}/v1/models`)).status).toBe(401);
      expect(vllm.recordOf(port).unauthorized).toBe(1);
    } finally {
      await gateway.stop();
    }
  }, 90_000);
});
