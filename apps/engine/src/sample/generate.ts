import { Decoder } from '../model/decoder';
import { CharTokenizer } from '../tokenizer/char-tokenizer';
import { Rng } from '../util/rng';
import { sampleToken } from './sample-token';

export interface GenerationRequest {
  prompt: number[];
  n: number;
  temperature: number;
  topP: number;
  maxTokens: number;
  stop: string[];
  seed: number;
  /** vLLM's ignore_eos: the end-of-text token is never drawn, so only max_tokens or a stop string ends a sample. */
  ignoreEos?: boolean;
  /** Aborting drops the request's samples at the next decode step (its client went away). */
  signal?: AbortSignal;
}

export interface Sample {
  text: string;
  tokens: number;
  finishReason: 'stop' | 'length' | 'abort';
}

interface Seq {
  req: number;
  slot: number;
  pos: number;
  next: number;
  generated: number[];
  text: string;
  done: Sample['finishReason'] | undefined;
}

/**
 * Samples every request's n completions in one lockstep batch over a shared KV cache: each prompt
 * is prefilled once and forked into its n slots. A request's samples draw from their own
 * Rng(seed) in a fixed order, so a seed reproduces them whatever else is in the batch. A request
 * whose signal aborts stops decoding at the next step with what it has (finish reason 'abort'), so
 * the rest of the batch goes on without it.
 */
export async function generate(
  decoder: Decoder, tok: CharTokenizer, requests: readonly GenerationRequest[], yieldEvery = 8,
): Promise<Sample[][]> {
  const T = decoder.cfg.contextLength;
  const V = decoder.cfg.vocabSize;
  for (const r of requests) {
    if (r.prompt.length === 0) throw new Error('empty prompt');
    if (r.prompt.length >= T) throw new Error(`prompt of ${r.prompt.length} tokens does not fit the context of ${T}`);
  }
  const totalSlots = requests.reduce((s, r) => s + Math.max(1, r.n), 0);
  decoder.ensureSlots(totalSlots);
  const firstSlot: number[] = [];
  let slotAt = 0;
  for (const r of requests) {
    firstSlot.push(slotAt);
    slotAt += Math.max(1, r.n);
  }
  const longest = Math.max(...requests.map((r) => r.prompt.length));
  for (let t = 0; t < longest - 1; t++) {
    const rows = requests.map((r, i) => (t < r.prompt.length - 1 && !r.signal?.aborted ? i : -1)).filter((i) => i >= 0);
    if (rows.length === 0) break;
    decoder.step(
      Int32Array.from(rows, (i) => firstSlot[i]), Int32Array.from(rows, (i) => requests[i].prompt[t]), Int32Array.from(rows, () => t), rows.length,
    );
    if (t % yieldEvery === yieldEvery - 1) await pause();
  }
  const seqs: Seq[] = [];
  const rngs = requests.map((r) => new Rng(r.seed));
  requests.forEach((r, i) => {
    for (let k = 0; k < r.n; k++) {
      const slot = firstSlot[i] + k;
      if (k > 0) decoder.copySlot(firstSlot[i], slot, r.prompt.length - 1);
      seqs.push({ req: i, slot, pos: r.prompt.length - 1, next: r.prompt[r.prompt.length - 1], generated: [], text: '', done: undefined });
    }
  });
  for (let iter = 0; ; iter++) {
    for (const s of seqs) if (!s.done && requests[s.req].signal?.aborted) s.done = 'abort';
    const active = seqs.filter((s) => !s.done);
    if (active.length === 0) break;
    const logits = decoder.step(
      Int32Array.from(active, (s) => s.slot), Int32Array.from(active, (s) => s.next), Int32Array.from(active, (s) => s.pos), active.length,
    );
    active.forEach((s, r) => {
      const req = requests[s.req];
      if (req.ignoreEos) logits[r * V + tok.eos] = -Infinity;
      const t = sampleToken(logits, r * V, V, req.temperature, req.topP, rngs[s.req]);
      s.pos++;
      if (t === tok.eos) {
        s.done = 'stop';
        return;
      }
      s.generated.push(t);
      s.text += tok.decodeToken(t);
      s.next = t;
      const hit = firstStop(s.text, req.stop);
      if (hit >= 0) {
        s.text = s.text.slice(0, hit);
        s.done = 'stop';
      } else if (s.generated.length >= req.maxTokens || s.pos >= T) {
        s.done = 'length';
      }
    });
    // Yielding lets the HTTP server answer /health, queue requests and see clients go away while a batch decodes.
    if (iter % yieldEvery === yieldEvery - 1) await pause();
  }
  return requests.map((_, i) =>
    seqs.filter((s) => s.req === i).map((s) => ({ text: s.text, tokens: s.generated.length, finishReason: s.done ?? 'length' })),
  );
}

function pause(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function firstStop(text: string, stops: readonly string[]): number {
  let best = -1;
  for (const s of stops) {
    if (!s) continue;
    const at = text.indexOf(s);
    if (at >= 0 && (best < 0 || at < best)) best = at;
  }
  return best;
}
