import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineBackend, GenerateRequest, InstanceState } from '@aero/contracts';
import { unaryCall } from '@aero/service-kit';
import { freePorts } from './testing/free-ports';
import { isAlive } from './testing/is-alive';
import { makeTestCheckpoint } from './testing/make-test-checkpoint';
import { startGateway } from './testing/start-gateway';
import { writeGatewayConfig } from './testing/write-gateway-config';
import { writeVllmStandin, type VllmRecord } from './testing/write-vllm-standin';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aero-gateway-vllm-'));
const binDir = path.join(dir, 'bin');
const recordDir = path.join(dir, 'records');
let model: string;
/** The stand-in `vllm` first on PATH, as a deployment would have the real one. */
let pathEnv: Record<string, string>;

const recordOf = (port: number): VllmRecord => JSON.parse(fs.readFileSync(path.join(recordDir, `vllm-${port}.json`), 'utf8')) as VllmRecord;

beforeAll(async () => {
  fs.mkdirSync(binDir);
  fs.mkdirSync(recordDir);
  writeVllmStandin(binDir, recordDir);
  pathEnv = { PATH: `${binDir}${path.delimiter}${process.env.PATH}` };
  model = await makeTestCheckpoint(dir, 4);
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
    const gateway = await startGateway({ ...env, ...pathEnv });
    const listeningAt = Date.now();
    const { client } = gateway;
    try {
      const records = [recordOf(portBase), recordOf(portBase + 1)];
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
    const records = [recordOf(portBase), recordOf(portBase + 1)];
    records.forEach((r) => expect(r.enginePid).toBeGreaterThan(0));
    expect(records.flatMap((r) => [r.pid, r.enginePid ?? 0]).filter(isAlive)).toEqual([]);
  }, 90_000);

  it('fails to start with the tail of the log when vllm is not ready in time, and stops it', async () => {
    const portBase = await freePorts(1);
    const env = writeGatewayConfig(
      dir,
      { backend: 'vllm', model, max_model_len: 1024, ready_timeout_s: 2, vllm: { gpu_groups: ['0'], port_base: portBase } },
      'hang.yaml',
    );
    const started = startGateway({ ...env, ...pathEnv, VLLM_STANDIN_MODE: 'hang' });
    await expect(started).rejects.toThrow(/vllm-0 did not become ready[\s\S]*Loading model weights/);
    expect(isAlive(recordOf(portBase).pid)).toBe(false);
  }, 60_000);
});
