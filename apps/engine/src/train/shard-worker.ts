import { parentPort, workerData } from 'node:worker_threads';
import { PackedBatch } from '../model/train-graph';
import { AdamRange, InlineExecutor, Which, WorkerInit } from './shard-executor';

const init = workerData as WorkerInit;
const executor = new InlineExecutor(
  init.cfg,
  { policy: new Float32Array(init.policy), reference: new Float32Array(init.reference) },
  new Float32Array(init.grads),
);

type Msg = { op: 'forward'; batch: PackedBatch; which: Which } | { op: 'backward'; dlogp: Float32Array } | { op: 'adam'; range: AdamRange };

const port = parentPort;
if (!port) throw new Error('shard-worker.ts runs only as a worker thread (see shard-executor.ts)');

port.on('message', (msg: Msg) => {
  const run = msg.op === 'forward' ? executor.forward(msg.batch, msg.which) : msg.op === 'backward' ? executor.backward(msg.dlogp) : executor.adam(msg.range);
  run.then(
    (value) => port.postMessage({ ok: true, value }),
    (e: Error) => port.postMessage({ ok: false, error: e.message }),
  );
});
