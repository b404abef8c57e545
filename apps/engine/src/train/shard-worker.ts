import { parentPort, workerData } from 'node:worker_threads';
import { PackedBatch } from '../model/train-graph';
import { InlineExecutor, Which, WorkerInit } from './shard-executor';

const init = workerData as WorkerInit;
const executor = new InlineExecutor(
  init.cfg,
  { policy: new Float32Array(init.policy), reference: new Float32Array(init.reference) },
  new Float32Array(init.grads),
);

type Msg = { op: 'forward'; batch: PackedBatch; which: Which } | { op: 'backward'; dlogp: Float32Array };

const port = parentPort;
if (!port) throw new Error('shard-worker.ts runs only as a worker thread (see shard-executor.ts)');

port.on('message', (msg: Msg) => {
  const run = msg.op === 'forward' ? executor.forward(msg.batch, msg.which) : executor.backward(msg.dlogp);
  run.then(
    (value) => port.postMessage({ ok: true, value }),
    (e: Error) => port.postMessage({ ok: false, error: e.message }),
  );
});
