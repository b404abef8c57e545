import { parentPort } from 'node:worker_threads';
import { PackedBatch } from '../model/train-graph';
import { AdamRange, InlineExecutor, Which, WorkerInit } from './shard-executor';

type Msg =
  | { op: 'init'; init: WorkerInit }
  | { op: 'forward'; batch: PackedBatch; which: Which }
  | { op: 'backward'; dlogp: Float32Array }
  | { op: 'adam'; range: AdamRange };

// Set by the first message: a worker may start before its model is known (prestartShardWorkers).
let executor: InlineExecutor | undefined;
let initError = 'no init message came first';

const port = parentPort;
if (!port) throw new Error('shard-worker.ts runs only as a worker thread (see shard-executor.ts)');

port.on('message', (msg: Msg) => {
  if (msg.op === 'init') {
    const { cfg, policy, reference, grads } = msg.init;
    try {
      executor = new InlineExecutor(cfg, { policy: new Float32Array(policy), reference: new Float32Array(reference) }, new Float32Array(grads));
    } catch (e) {
      initError = (e as Error).message;
    }
    return;
  }
  if (!executor) {
    port.postMessage({ ok: false, error: `shard worker cannot run ${msg.op}: ${initError}` });
    return;
  }
  const run = msg.op === 'forward' ? executor.forward(msg.batch, msg.which) : msg.op === 'backward' ? executor.backward(msg.dlogp) : executor.adam(msg.range);
  run.then(
    (value) => port.postMessage({ ok: true, value }),
    (e: Error) => port.postMessage({ ok: false, error: e.message }),
  );
});
