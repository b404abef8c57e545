import path from 'node:path';
import { Worker } from 'node:worker_threads';
// Relative, not @aero/process: the engine also runs from a job folder outside the repository,
// where tsx finds no tsconfig to resolve @aero/* from (as apps/engine/src/main.ts).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { tsWorkerSource } from '../../../../libs/process/src/ts-worker-source';
import type { DecodePlan } from './decode-rows';

/** What a decode thread is started with: the decoder's kernels, its shared memory, where things lie in it, and its control block. */
export interface DecodeThreadInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  plan: DecodePlan;
  control: SharedArrayBuffer;
  /** Which attention scratch the thread uses (1, 2, ...: 0 is the decoder's own thread's). */
  thread: number;
}

/** The int32 cells of a control block: the job posted (STOP ends the thread), the job done, and the job's rows. */
export const CONTROL = { JOB: 0, DONE: 1, X: 2, R: 3, R0: 4, R1: 5, FAILED: 6, READY: 7, SIZE: 8 } as const;
export const STOP = -1;

/** How long a step waits for a thread's rows before it gives up on the thread: far beyond any step (a step of 256 rows takes ~10 ms). */
const WAIT_MS = 60_000;

/**
 * Another thread that runs rows of a decoder's steps on the decoder's shared memory. A step hands
 * it a range of rows and waits for them with Atomics, not messages: a step of 16 rows takes a
 * fraction of a millisecond, which a message's round trip would eat. The thread starts in the
 * background; steps run without it until it is ready.
 */
export class DecodeThread {
  private readonly control: Int32Array;
  private readonly worker: Worker;
  private job = 0;
  private broken = false;
  /** Settles when the thread is ready for rows, or has failed to start. */
  readonly started: Promise<void>;

  constructor(init: Omit<DecodeThreadInit, 'control'>) {
    const control = new SharedArrayBuffer(CONTROL.SIZE * 4);
    this.control = new Int32Array(control);
    this.worker = new Worker(tsWorkerSource(path.join(__dirname, 'decode-worker.ts')), { eval: true, workerData: { ...init, control } satisfies DecodeThreadInit });
    // A thread that fails to start is left out of every step; the decoder keeps working without it.
    // Once started it blocks in Atomics.wait between steps, so it must not keep the process alive
    // then; while it starts it does, so that one can wait for it (Decoder.ready).
    this.started = new Promise((resolve) => {
      this.worker.once('message', () => {
        this.worker.unref();
        resolve();
      });
      this.worker.once('error', (e) => {
        this.broken = true;
        console.error(JSON.stringify({ event: 'decode_thread_failed', thread: init.thread, error: e.message }));
        resolve();
      });
    });
  }

  get ready(): boolean {
    return !this.broken && Atomics.load(this.control, CONTROL.READY) === 1 && Atomics.load(this.control, CONTROL.FAILED) === 0;
  }

  /** Starts rows r0..r1 of the step of R rows whose activations begin at float x. */
  start(x: number, R: number, r0: number, r1: number): void {
    const c = this.control;
    c[CONTROL.X] = x;
    c[CONTROL.R] = R;
    c[CONTROL.R0] = r0;
    c[CONTROL.R1] = r1;
    Atomics.store(c, CONTROL.JOB, ++this.job);
    Atomics.notify(c, CONTROL.JOB);
  }

  /** Blocks until the rows started last are done; throws if the thread failed on them or never finished. */
  finish(): void {
    const c = this.control;
    const deadline = Date.now() + WAIT_MS;
    for (let done = Atomics.load(c, CONTROL.DONE); done !== this.job; done = Atomics.load(c, CONTROL.DONE)) {
      const left = deadline - Date.now();
      if (left <= 0) {
        this.broken = true;
        throw new Error(`decode thread did not finish rows ${c[CONTROL.R0]}..${c[CONTROL.R1]} in ${WAIT_MS / 1000} s`);
      }
      Atomics.wait(c, CONTROL.DONE, done, left);
    }
    if (Atomics.load(c, CONTROL.FAILED) !== 0) throw new Error(`decode thread failed on rows ${c[CONTROL.R0]}..${c[CONTROL.R1]} (its error is on stderr)`);
  }

  async close(): Promise<void> {
    Atomics.store(this.control, CONTROL.JOB, STOP);
    Atomics.notify(this.control, CONTROL.JOB);
    await this.worker.terminate();
  }
}
