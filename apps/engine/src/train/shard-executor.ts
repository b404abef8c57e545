import path from 'node:path';
import { Worker } from 'node:worker_threads';
// Relative, not @aero/process: the trainer runs `train` from a job folder outside the repository,
// where tsx finds no tsconfig to resolve @aero/* from (as apps/engine/src/main.ts).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { tsWorkerSource } from '../../../../libs/process/src/ts-worker-source';
import { ModelConfig } from '../model/model-config';
import { PackedBatch, TrainGraph } from '../model/train-graph';
import { AdamHyper, adamUpdate } from './adam-w';

export type Which = 'policy' | 'reference';

/** An AdamW step on parameters [lo, hi) of the policy: moments, decay mask and gradients in shared memory. */
export interface AdamRange {
  m: Float32Array;
  v: Float32Array;
  decayMask: Uint8Array;
  grads: Float32Array;
  hyper: AdamHyper;
  lo: number;
  hi: number;
}

/**
 * Runs forward/backward passes on one shard of a batch, accumulating into its own gradient
 * buffer. The worker and the inline variants run the same TrainGraph code on the same shard, so
 * they agree bit for bit; the worker variant just runs on another core.
 */
export interface ShardExecutor {
  readonly grads: Float32Array;
  forward(batch: PackedBatch, which: Which): Promise<Float32Array>;
  backward(dlogp: Float32Array): Promise<void>;
  adam(r: AdamRange): Promise<void>;
  close(): Promise<void>;
}

export class InlineExecutor implements ShardExecutor {
  readonly grads: Float32Array;
  private readonly graphs: Record<Which, TrainGraph>;

  constructor(cfg: ModelConfig, private readonly params: Record<Which, Float32Array>, grads?: Float32Array) {
    this.grads = grads ?? new Float32Array(params.policy.length);
    this.graphs = { policy: new TrainGraph(cfg), reference: new TrainGraph(cfg) };
  }

  async forward(batch: PackedBatch, which: Which): Promise<Float32Array> {
    return this.graphs[which].forward(this.params[which], batch);
  }

  async backward(dlogp: Float32Array): Promise<void> {
    this.graphs.policy.backward(this.grads, dlogp);
  }

  async adam(r: AdamRange): Promise<void> {
    adamUpdate({ params: this.params.policy, m: r.m, v: r.v, decayMask: r.decayMask }, r.grads, r.hyper, r.lo, r.hi);
  }

  /** Nothing to release: the graphs live on this thread and go with the executor. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}

export interface WorkerInit {
  cfg: ModelConfig;
  policy: SharedArrayBuffer;
  reference: SharedArrayBuffer;
  grads: SharedArrayBuffer;
}

export class WorkerExecutor implements ShardExecutor {
  readonly grads: Float32Array;
  private readonly worker: Worker;
  private pending: { resolve: (v: unknown) => void; reject: (e: Error) => void } | undefined;
  /** Set once the worker failed (it died): it goes with this executor, never back to the pool. */
  private failed = false;

  constructor(init: Omit<WorkerInit, 'grads'>) {
    const grads = new SharedArrayBuffer(init.policy.byteLength);
    this.grads = new Float32Array(grads);
    this.worker = warmWorkers.shift() ?? startShardWorker();
    this.worker.ref();
    this.worker.on('message', this.onMessage);
    this.worker.on('error', this.onError);
    // The first message, so it is there before any pass (a port delivers in order).
    this.worker.postMessage({ op: 'init', init: { ...init, grads } satisfies WorkerInit });
  }

  private readonly onMessage = (msg: { ok: boolean; value?: unknown; error?: string }): void => {
    const p = this.pending;
    this.pending = undefined;
    if (!p) return;
    if (msg.ok) p.resolve(msg.value);
    else p.reject(new Error(msg.error));
  };

  private readonly onError = (e: Error): void => {
    this.failed = true;
    this.pending?.reject(e);
    this.pending = undefined;
  };

  private call<T>(msg: unknown, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.pending) return Promise.reject(new Error('shard worker is busy'));
    return new Promise<T>((resolve, reject) => {
      this.pending = { resolve: resolve as (v: unknown) => void, reject };
      this.worker.postMessage(msg, transfer);
    });
  }

  forward(batch: PackedBatch, which: Which): Promise<Float32Array> {
    return this.call<Float32Array>({ op: 'forward', batch, which });
  }

  async backward(dlogp: Float32Array): Promise<void> {
    await this.call({ op: 'backward', dlogp });
  }

  /** The typed arrays go over as views of their shared buffers: the worker updates them in place. */
  async adam(r: AdamRange): Promise<void> {
    await this.call({ op: 'adam', range: r });
  }

  /** Ends the worker, or, in a process that keeps its workers (prestartShardWorkers), idles it for the next model. */
  async close(): Promise<void> {
    this.worker.off('message', this.onMessage);
    this.worker.off('error', this.onError);
    if (!keepWorkers || this.failed || this.pending) {
      await this.worker.terminate();
      return;
    }
    this.worker.unref();
    warmWorkers.push(this.worker);
  }
}

/** Workers started ahead of their model (prestartShardWorkers), taken by the next WorkerExecutors. */
const warmWorkers: Worker[] = [];
/** Set by prestartShardWorkers: a closed executor's worker waits for the next model instead of ending. */
let keepWorkers = false;

function startShardWorker(): Worker {
  return new Worker(tsWorkerSource(path.join(__dirname, 'shard-worker.ts')), { eval: true });
}

/**
 * Starts `n` shard workers now, before any model is known, and keeps them between models: a worker
 * spends about 0.1 s loading its code, which `train --standby` pays once for all the jobs it runs.
 */
export function prestartShardWorkers(n: number): void {
  keepWorkers = true;
  for (let i = 0; i < n; i++) {
    const worker = startShardWorker();
    // While no executor has it, it does not keep the process alive.
    worker.unref();
    warmWorkers.push(worker);
  }
}
