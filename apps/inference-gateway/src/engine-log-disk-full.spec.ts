import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { status as Status } from '@grpc/grpc-js';
import { GenerateRequest, ServeModelRequest } from '@aero/contracts';
import { checkHealth, unaryCall } from '@aero/service-kit';
import { failureOf } from '@aero/testing';
import { EngineProcess } from './adapters/engine-process';
import { isAlive } from './testing/is-alive';
import { makeTestCheckpoint } from './testing/make-test-checkpoint';
import { startGateway } from './testing/start-gateway';
import { writeGatewayConfig } from './testing/write-gateway-config';

// What the gateway persists is its engines' logs. A write to one that fails as on a full disk (the
// log is made a link to /dev/full, where every write fails with ENOSPC) must fail the engine's start
// saying so, and never take the gateway down.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aero-gateway-disk-full-'));
/** Makes `file` a link to /dev/full: it opens, and every write to it fails with ENOSPC. */
const fillUp = (file: string) => {
  fs.rmSync(file, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.symlinkSync('/dev/full', file);
};

describe('an engine log on a full disk', () => {
  it('fails the engine start with "disk full: <log>", starting nothing', async () => {
    const log = path.join(dir, 'spawn', 'embedded-0.log');
    fillUp(log);
    const plan = { id: 'embedded-0', command: process.execPath, args: ['-e', 'setTimeout(() => {}, 60000)'], env: {}, port: 0, gpus: '', updatesWeightsInPlace: false };
    await expect(EngineProcess.spawn(plan, log)).rejects.toThrow(`disk full: ${log}`);
  });

  it('fails ServeModel naming the log, and the gateway goes on serving its calls', async () => {
    const [modelA, modelB] = await Promise.all([makeTestCheckpoint(dir, 1, 64), makeTestCheckpoint(dir, 2, 64)]);
    const gateway = await startGateway(writeGatewayConfig(dir, { backend: 'embedded', model: modelA, max_model_len: 64, embedded: { instances: 1 } }));
    try {
      const log = path.join(dir, 'runs', 'engine-logs', 'embedded-0.log');
      fillUp(log);
      const { client } = gateway;
      // A swap in place writes no log: stopping first makes ServeModel start an engine process.
      await unaryCall(client.stopEngines.bind(client), {});
      const swap = await failureOf(unaryCall(client.serveModel.bind(client), ServeModelRequest.fromPartial({ checkpoint: modelB }), { deadline: new Date(Date.now() + 60_000) }));
      expect(swap.code).toBe(Status.FAILED_PRECONDITION);
      expect(swap.details).toContain(`disk full: ${log}`);
      // Nothing is served; the gateway says why, at once.
      const generate = await failureOf(unaryCall(client.generate.bind(client), GenerateRequest.fromPartial({ prompt: '6*2', n: 1 }), { deadline: new Date(Date.now() + 10_000) }));
      expect(generate.code).toBe(Status.UNAVAILABLE);
      expect(generate.details).toContain(`disk full: ${log}`);
      expect(isAlive(gateway.process.pid)).toBe(true);
      expect(await checkHealth(gateway.process.address)).toBe('SERVING');
      expect(gateway.process.stderr()).not.toMatch(/uncaught|unhandled/i);
    } finally {
      await gateway.stop();
    }
  }, 120_000);
});
