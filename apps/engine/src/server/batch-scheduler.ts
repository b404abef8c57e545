import { Decoder } from '../model/decoder';
import { DecodeLoop } from '../sample/decode-loop';
import { GenerationRequest, Sample } from '../sample/generate';
import { CharTokenizer } from '../tokenizer/char-tokenizer';
import { EngineMetrics } from './engine-metrics';

/** The caller went away before its samples were done; nobody is left to answer. */
export class RequestAbortedError extends Error {
  constructor() {
    super('request aborted by the client');
  }
}

/**
 * The server's side of continuous batching: every request joins the one DecodeLoop at its next
 * step (up to maxNumSeqs samples decoding at once; the rest wait first come, first served), so
 * concurrent HTTP requests share the matmuls and a short request need not wait for a long one. A
 * request whose client aborts leaves the queue at once, or leaves the batch at its next step, so a
 * client that gave up costs no further CPU.
 */
export class BatchScheduler {
  private readonly loop: DecodeLoop;
  private inFlight = 0;
  private retired: (() => void) | undefined;

  constructor(private readonly decoder: Decoder, tok: CharTokenizer, private readonly metrics: EngineMetrics, maxNumSeqs = 256) {
    this.loop = new DecodeLoop(decoder, tok, maxNumSeqs, undefined, (waiting, running) => {
      metrics.waiting.set(waiting);
      metrics.running.set(running);
    });
  }

  /** Each request's samples; rejects with RequestAbortedError if the signal aborts first. */
  async submit(requests: GenerationRequest[], signal?: AbortSignal): Promise<Sample[][]> {
    if (this.retired) throw new Error('this scheduler was retired: its model no longer takes requests');
    for (const r of requests) DecodeLoop.check(this.decoder, r);
    this.inFlight++;
    try {
      const out = await Promise.all(requests.map((r) => this.loop.add({ ...r, signal })));
      requests.forEach((r, i) => this.count(r, out[i]));
      if (signal?.aborted) throw new RequestAbortedError();
      return out;
    } finally {
      this.settle();
    }
  }

  private settle(): void {
    if (--this.inFlight === 0 && this.retired) this.retired();
  }

  /**
   * The model was replaced: no new requests; once the ones it has are done, its decoder's threads
   * stop. Settles then.
   */
  retire(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.retired = resolve;
      if (this.inFlight === 0) resolve();
    }).then(() => this.decoder.close());
  }

  private count(request: GenerationRequest, samples: readonly Sample[]): void {
    // A request aborted while it waited never had its prompt read.
    if (samples.some((s) => s.finishReason !== 'abort' || s.tokens > 0)) this.metrics.promptTokens.inc(request.prompt.length);
    for (const s of samples) {
      this.metrics.generationTokens.inc(s.tokens);
      this.metrics.finished.inc({ finished_reason: s.finishReason });
    }
  }
}
