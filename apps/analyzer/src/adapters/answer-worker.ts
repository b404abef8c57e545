import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { extractAnswer, type Extraction, type ExtractionMode } from '@aero/answer';
import { AnalyzeResponse } from '@aero/contracts';
import { tsWorkerSource } from '@aero/process';
import type { Verdict } from '../domain/verdict';

/** What the worker thread (answer-worker-thread.ts) is asked, and what it says: that it has loaded, or a reply. */
type Question =
  | { kind: 'decide'; a: string; b: string }
  | { kind: 'extract'; text: string; mode: ExtractionMode }
  | { kind: 'encode'; response: AnalyzeResponse };
type Answer = Verdict | Extraction | Uint8Array;
export type AnswerRequest = { id: number } & Question;
export type AnswerMessage = { loaded: true } | { id: number; result: Answer } | { id: number; error: string };

/**
 * Texts up to this many characters are read on the calling thread: a message to the worker and back
 * costs more than reading them (a millisecond or two even for the costliest text of this size).
 */
const READ_HERE_CHARS = 10_000;
/** Responses whose samples hold up to this many characters are serialized on the calling thread (a millisecond or so). */
const ENCODE_HERE_CHARS = 100_000;

type Pending = { resolve: (result: Answer) => void; reject: (error: Error) => void };
/** A worker and the replies it owes: a worker that dies fails its own, not its successor's. */
type Thread = { worker: Worker; pending: Map<number, Pending>; loaded: Promise<void> };

/**
 * The analyzer's CPU-heavy steps in a worker thread, so that none stalls the other calls on the
 * service's thread: the cheap equivalence methods (cheap-verdicts.ts; two sets of 64 radicals take a
 * second or more, compared member by member), answer extraction from long texts (a megabyte of
 * boxes takes a tenth of a second or more in one step) and the serialization of an Analyze response
 * that echoes megabytes of samples (as long, in the one step grpc-js gives it). Requests run one at a time, in the order
 * asked. A worker that dies fails the requests in flight, and the next request starts a new one.
 * The worker does not keep the process alive.
 */
export class AnswerWorker {
  private thread?: Thread;
  private nextId = 0;

  constructor(private readonly cacheSize: number) {}

  /** Starts the worker and resolves once it has loaded the methods (about a second); requests asked meanwhile wait for it. */
  ready(): Promise<void> {
    return (this.thread ??= this.start()).loaded;
  }

  decide(a: string, b: string): Promise<Verdict> {
    return this.ask({ kind: 'decide', a, b }) as Promise<Verdict>;
  }

  /** extractAnswer, in the worker for a long text. */
  async extract(text: string, mode: ExtractionMode): Promise<Extraction> {
    if (text.length <= READ_HERE_CHARS) return extractAnswer(text, mode);
    return this.ask({ kind: 'extract', text, mode }) as Promise<Extraction>;
  }

  /** AnalyzeResponse.encode, in the worker for a response that echoes long samples. */
  async encodeAnalyzeResponse(response: AnalyzeResponse): Promise<Buffer> {
    const chars = response.samples.reduce((sum, s) => sum + s.text.length + s.answer.length, 0);
    const bytes = chars <= ENCODE_HERE_CHARS ? AnalyzeResponse.encode(response).finish() : ((await this.ask({ kind: 'encode', response })) as Uint8Array);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    await thread?.worker.terminate();
  }

  private ask(question: Question): Promise<Answer> {
    const thread = (this.thread ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ id, ...question } satisfies AnswerRequest);
    });
  }

  private start(): Thread {
    const worker = new Worker(tsWorkerSource(path.join(__dirname, 'answer-worker-thread.ts')), {
      eval: true,
      workerData: { cacheSize: this.cacheSize },
    });
    worker.unref();
    let loaded: { resolve: () => void; reject: (error: Error) => void } | undefined;
    const thread: Thread = { worker, pending: new Map(), loaded: new Promise((resolve, reject) => (loaded = { resolve, reject })) };
    // Nobody need wait for the loading; a worker that dies before it fails the requests it owes.
    thread.loaded.catch(() => undefined);
    worker.on('message', (message: AnswerMessage) => {
      if ('loaded' in message) return loaded?.resolve();
      const pending = thread.pending.get(message.id);
      thread.pending.delete(message.id);
      if ('result' in message) pending?.resolve(message.result);
      else pending?.reject(new Error(message.error));
    });
    const fail = (error: Error) => {
      loaded?.reject(error);
      if (this.thread === thread) this.thread = undefined;
      for (const pending of thread.pending.values()) pending.reject(error);
      thread.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the answer worker exited with code ${code}`)));
    return thread;
  }
}
