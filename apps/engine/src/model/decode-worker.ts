import { parentPort, workerData } from 'node:worker_threads';
import { decodeRows, stepLayout } from './decode-rows';
import { CONTROL, type DecodeThreadInit, STOP } from './decode-thread';
import type { KernelExports } from './wasm-kernels';

// The body of a decode thread (decode-thread.ts): waits for a job in its control block, runs the
// job's rows in the decoder's shared memory, marks it done; until it is told to stop.
const init = workerData as DecodeThreadInit;
const kernels = new WebAssembly.Instance(init.module, { env: { memory: init.memory } }).exports as unknown as KernelExports;
const c = new Int32Array(init.control);
Atomics.store(c, CONTROL.READY, 1);
parentPort?.postMessage('ready');
for (let seen = 0; ;) {
  Atomics.wait(c, CONTROL.JOB, seen);
  const job = Atomics.load(c, CONTROL.JOB);
  if (job === STOP) break;
  if (job === seen) continue;
  seen = job;
  try {
    decodeRows(kernels, init.plan, stepLayout(init.plan, c[CONTROL.X], c[CONTROL.R]), c[CONTROL.R0], c[CONTROL.R1], init.thread);
  } catch (e) {
    Atomics.store(c, CONTROL.FAILED, 1);
    console.error(JSON.stringify({ event: 'decode_thread_error', thread: init.thread, error: (e as Error).message }));
  }
  Atomics.store(c, CONTROL.DONE, job);
  Atomics.notify(c, CONTROL.DONE);
}
