import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { tsWorkerSource } from '@aero/process';
import type { Verdict } from '../domain/verdict';

/** What the worker thread (verdict-worker.ts) is sent, and what it says: that it has loaded, or a reply. */
export type VerdictRequest = { id: number; a: string; b: string };
export type VerdictMessage = { loaded: true } | { id: number; verdict: Verdict } | { id: number; error: string };

type Pending = { resolve: (verdict: Verdict) => void; reject: (error: Error) => void };
/** A worker and the decisions it owes: a worker that dies fails its own, not its successor's. */
type Thread = { worker: Worker; pending: Map<number, Pending>; loaded: Promise<void> };

/**
 * The cheap equivalence methods (cheap-verdicts.ts) in a worker thread. Their cost is bounded but
 * not small: two answers that are sets of 64 radicals take a second or more, compared member by
 * member, which on the service's thread would stall every other call. Decisions run one at a time,
 * in the order asked. A worker that dies fails the decisions in flight, and the next decision
 * starts a new one. The worker does not keep the process alive.
 */
export class WorkerVerdicts {
  private thread?: Thread;
  private nextId = 0;

  constructor(private readonly cacheSize: number) {}

  /** Starts the worker and resolves once it has loaded the methods, which takes seconds: a service waits for it before serving. */
  ready(): Promise<void> {
    return (this.thread ??= this.start()).loaded;
  }

  decide(a: string, b: string): Promise<Verdict> {
    const thread = (this.thread ??= this.start());
    const id = this.nextId++;
    return new Promise<Verdict>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ id, a, b } satisfies VerdictRequest);
    });
  }

  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    await thread?.worker.terminate();
  }

  private start(): Thread {
    const worker = new Worker(tsWorkerSource(path.join(__dirname, 'verdict-worker.ts')), {
      eval: true,
      workerData: { cacheSize: this.cacheSize },
    });
    worker.unref();
    let loaded: { resolve: () => void; reject: (error: Error) => void } | undefined;
    const thread: Thread = { worker, pending: new Map(), loaded: new Promise((resolve, reject) => (loaded = { resolve, reject })) };
    // Nobody need wait for the loading; a worker that dies before it fails the decisions it owes.
    thread.loaded.catch(() => undefined);
    worker.on('message', (message: VerdictMessage) => {
      if ('loaded' in message) return loaded?.resolve();
      const pending = thread.pending.get(message.id);
      thread.pending.delete(message.id);
      if ('verdict' in message) pending?.resolve(message.verdict);
      else pending?.reject(new Error(message.error));
    });
    const fail = (error: Error) => {
      loaded?.reject(error);
      if (this.thread === thread) this.thread = undefined;
      for (const pending of thread.pending.values()) pending.reject(error);
      thread.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the verdict worker exited with code ${code}`)));
    return thread;
  }
}

