import { Decoder } from '../model/decoder';
import { generate, GenerationRequest, Sample } from '../sample/generate';
import { CharTokenizer } from '../tokenizer/char-tokenizer';

interface Pending {
  requests: GenerationRequest[];
  resolve: (s: Sample[][]) => void;
  reject: (e: Error) => void;
}

/**
 * Serialises generation on the one decoder and batches whatever arrived while the previous batch
 * decoded, so concurrent HTTP requests share the matmuls (up to maxSamples rows per batch).
 */
export class BatchScheduler {
  private queue: Pending[] = [];
  private running = false;

  constructor(private readonly decoder: Decoder, private readonly tok: CharTokenizer, private readonly maxSamples = 256) {}

  submit(requests: GenerationRequest[]): Promise<Sample[][]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ requests, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.queue.length) {
      const batch: Pending[] = [];
      let rows = 0;
      while (this.queue.length && (batch.length === 0 || rows + samples(this.queue[0]) <= this.maxSamples)) {
        const p = this.queue.shift()!;
        rows += samples(p);
        batch.push(p);
      }
      try {
        const out = await generate(this.decoder, this.tok, batch.flatMap((p) => p.requests));
        let at = 0;
        for (const p of batch) {
          p.resolve(out.slice(at, at + p.requests.length));
          at += p.requests.length;
        }
      } catch (e) {
        for (const p of batch) p.reject(e as Error);
      }
    }
    this.running = false;
  }
}

function samples(p: Pending): number {
  return p.requests.reduce((s, r) => s + r.n, 0);
}
