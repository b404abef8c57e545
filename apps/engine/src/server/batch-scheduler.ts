import { Decoder } from '../model/decoder';
import { generate, GenerationRequest, Sample } from '../sample/generate';
import { CharTokenizer } from '../tokenizer/char-tokenizer';
import { EngineMetrics } from './engine-metrics';

interface Pending {
  requests: GenerationRequest[];
  signal: AbortSignal | undefined;
  resolve: (s: Sample[][]) => void;
  reject: (e: Error) => void;
}

/** The caller went away before its samples were done; nobody is left to answer. */
export class RequestAbortedError extends Error {
  constructor() {
    super('request aborted by the client');
  }
}

/**
 * Serialises generation on the one decoder and batches whatever arrived while the previous batch
 * decoded, so concurrent HTTP requests share the matmuls (up to maxSamples rows per batch). A
 * request whose signal aborts leaves the queue at once, or leaves the decoding batch at its next
 * step, so a client that gave up costs no further CPU.
 */
export class BatchScheduler {
  private queue: Pending[] = [];
  private running = false;

  constructor(
    private readonly decoder: Decoder,
    private readonly tok: CharTokenizer,
    private readonly metrics: EngineMetrics,
    private readonly maxSamples = 256,
  ) {}

  submit(requests: GenerationRequest[], signal?: AbortSignal): Promise<Sample[][]> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        this.countAborted(requests);
        reject(new RequestAbortedError());
        return;
      }
      const p: Pending = { requests: requests.map((r) => ({ ...r, signal })), signal, resolve, reject };
      this.queue.push(p);
      this.metrics.waiting.set(this.queue.length);
      signal?.addEventListener('abort', () => this.dropQueued(p), { once: true });
      if (!this.running) void this.drain();
    });
  }

  private dropQueued(p: Pending): void {
    const at = this.queue.indexOf(p);
    if (at < 0) return; // already decoding: generate() sees the signal at its next step
    this.queue.splice(at, 1);
    this.metrics.waiting.set(this.queue.length);
    this.countAborted(p.requests);
    p.reject(new RequestAbortedError());
  }

  private countAborted(requests: readonly GenerationRequest[]): void {
    this.metrics.finished.inc({ finished_reason: 'abort' }, requests.reduce((s, r) => s + r.n, 0));
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.queue.length) {
      const batch = this.take();
      this.metrics.waiting.set(this.queue.length);
      this.metrics.running.set(batch.length);
      try {
        const requests = batch.flatMap((p) => p.requests);
        const out = await generate(this.decoder, this.tok, requests);
        this.count(requests, out);
        let at = 0;
        for (const p of batch) {
          if (p.signal?.aborted) p.reject(new RequestAbortedError());
          else p.resolve(out.slice(at, at + p.requests.length));
          at += p.requests.length;
        }
      } catch (e) {
        for (const p of batch) p.reject(e as Error);
      }
      this.metrics.running.set(0);
    }
    this.running = false;
  }

  /** The queue's head, then whatever follows while the batch stays within maxSamples rows. */
  private take(): Pending[] {
    const batch: Pending[] = [];
    let rows = 0;
    for (let next = this.queue[0]; next && (batch.length === 0 || rows + samples(next) <= this.maxSamples); next = this.queue[0]) {
      this.queue.shift();
      rows += samples(next);
      batch.push(next);
    }
    return batch;
  }

  private count(requests: readonly GenerationRequest[], out: readonly Sample[][]): void {
    this.metrics.promptTokens.inc(requests.reduce((s, r) => s + r.prompt.length, 0));
    for (const s of out.flat()) {
      this.metrics.generationTokens.inc(s.tokens);
      this.metrics.finished.inc({ finished_reason: s.finishReason });
    }
  }
}

function samples(p: Pending): number {
  return p.requests.reduce((s, r) => s + r.n, 0);
}
