/**
 * Model swap benchmark (issue 18): what a round's ServeModel costs on the embedded backend, loading
 * the new checkpoint into the running engine (POST /update_weights_from_disk) against the restart
 * it replaced (StopEngines, then ServeModel starts a new engine process), alternating in one run on
 * one gateway. Each swap is timed up to the first greedy answer of the new model, since a process
 * that is up but not yet warm is no faster for the round that waits on it.
 * Usage: node --import tsx tools/bench/gateway/swap.ts [--reps N] [--instances N]
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { GenerateRequest, ServeModelRequest } from '@aero/contracts';
import { unaryCall } from '@aero/service-kit';
import { startGateway } from '../../../apps/inference-gateway/src/testing/start-gateway';
import { writeGatewayConfig } from '../../../apps/inference-gateway/src/testing/write-gateway-config';

const ROOT = path.resolve(__dirname, '../../..');
const { values } = parseArgs({ options: { reps: { type: 'string', default: '7' }, instances: { type: 'string', default: '1' } } });
const REPS = Number(values.reps);
const INSTANCES = Number(values.instances);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cell = (xs: number[]): string => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aero-swap-bench-'));
  // Two checkpoint folders with the base's weights: a swap loads either from disk like a new round's.
  const models = ['a', 'b'].map((name) => {
    const to = path.join(dir, name);
    cpSync(path.join(ROOT, 'apps/engine/models/base'), to, { recursive: true });
    return to;
  });
  const env = writeGatewayConfig(dir, { backend: 'embedded', model: models[0], max_model_len: 256, embedded: { instances: INSTANCES } });
  const gateway = await startGateway(env);
  const { client } = gateway;
  const serve = (checkpoint: string) => unaryCall(client.serveModel.bind(client), ServeModelRequest.fromPartial({ checkpoint }));
  const answer = () => unaryCall(client.generate.bind(client), GenerateRequest.fromPartial({ prompt: 'Solve 2+3', n: 1, temperature: 0, max_tokens: 48 }));
  const timed = async (swap: () => Promise<unknown>): Promise<number> => {
    const started = performance.now();
    await swap();
    await answer();
    return performance.now() - started;
  };
  const inPlace: number[] = [];
  const restart: number[] = [];
  try {
    await answer();
    for (let rep = 0; rep < REPS; rep++) {
      inPlace.push(await timed(() => serve(models[(2 * rep + 1) % 2])));
      restart.push(await timed(async () => {
        await unaryCall(client.stopEngines.bind(client), {});
        await serve(models[(2 * rep + 2) % 2]);
      }));
    }
  } finally {
    await gateway.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`model swap on the embedded backend, ${INSTANCES} engine instance(s), ${REPS} reps each, alternating; to the first greedy answer; load average ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} cores\n`);
  console.log('| swap | median (min–max) |\n| --- | --- |');
  console.log(`| in place (POST /update_weights_from_disk) | ${cell(inPlace)} |`);
  console.log(`| restart (StopEngines + ServeModel, baseline) | ${cell(restart)} |`);
  console.log(`\nrestart / in place: ${(median(restart) / median(inPlace)).toFixed(1)}x`);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
