import { Decoder } from '../model/decoder';
import { CharTokenizer } from '../tokenizer/char-tokenizer';
import { Rng } from '../util/rng';
import type { GenerationRequest, Sample } from './generate';
import { sampleToken } from './sample-token';

interface Seq {
  slot: number;
  pos: number;
  next: number;
  generated: number[];
  text: string;
  done: Sample['finishReason'] | undefined;
}

interface Entry {
  req: GenerationRequest;
  rng: Rng;
  slots: number[];
  /** The prompt position fed next while prefilling. */
  prefill: number;
  /** The n samples, made once the prompt is in the cache. */
  seqs: Seq[] | undefined;
  resolve: (samples: Sample[]) => void;
  reject: (e: Error) => void;
}

/** Requests waiting for cache slots and requests decoding, after every change. */
export type QueueObserver = (waiting: number, running: number) => void;

/**
 * Continuous batching on one decoder: a request joins the running batch at the next decode step
 * (as vLLM schedules), its prompt prefilled once, a row per step beside the other requests' decode
 * rows, then forked into its n cache slots; a request leaves the batch, and frees its slots, the
 * step its last sample ends. A request's samples draw from their own Rng(seed) in a fixed order and
 * rows do not interact, so a seed reproduces them whatever else is in the batch. Requests wait
 * (first come, first served) while their samples would exceed maxNumSeqs, unless nothing is decoding.
 * A request whose signal aborts stops at the next step with what it has (finish reason 'abort'),
 * or at once, with empty samples, if it is still waiting.
 */
export class DecodeLoop {
  private readonly waiting: Entry[] = [];
  /** One abort listener per signal with requests waiting (an HTTP request's prompts share one). */
  private readonly waitingBySignal = new Map<AbortSignal, { entries: Set<Entry>; listener: () => void }>();
  private readonly running: Entry[] = [];
  private readonly freeSlots: number[] = [];
  private slotsMade = 0;
  private looping = false;

  constructor(
    private readonly decoder: Decoder,
    private readonly tok: CharTokenizer,
    /** Sequences (cache slots) decoding at once: vLLM's max_num_seqs. */
    private readonly maxNumSeqs: number,
    private readonly yieldEvery = 8,
    private readonly observe: QueueObserver = () => undefined,
  ) {}

  /** Throws for a prompt the model cannot take; nothing is queued then. */
  static check(decoder: Decoder, req: GenerationRequest): void {
    const T = decoder.cfg.contextLength;
    if (req.prompt.length === 0) throw new Error('empty prompt');
    if (req.prompt.length >= T) throw new Error(`prompt of ${req.prompt.length} tokens does not fit the context of ${T}`);
  }

  /** The request's n samples, once all have ended. */
  add(req: GenerationRequest): Promise<Sample[]> {
    DecodeLoop.check(this.decoder, req);
    if (req.signal?.aborted) return Promise.resolve(abortedSamples(req.n));
    return new Promise((resolve, reject) => {
      const entry: Entry = { req, rng: new Rng(req.seed), slots: [], prefill: 0, seqs: undefined, resolve, reject };
      const { signal } = req;
      if (signal) {
        let group = this.waitingBySignal.get(signal);
        if (!group) {
          const entries = new Set<Entry>();
          group = { entries, listener: () => this.dropWaiting(signal, entries) };
          this.waitingBySignal.set(signal, group);
          signal.addEventListener('abort', group.listener, { once: true });
        }
        group.entries.add(entry);
      }
      this.waiting.push(entry);
      this.observe(this.waiting.length, this.running.length);
      if (!this.looping) void this.loop();
    });
  }

  private async loop(): Promise<void> {
    this.looping = true;
    // Start after the caller's synchronous code, so requests added together start together.
    await Promise.resolve();
    try {
      for (let step = 0; this.admit(); step++) {
        this.step();
        // Yielding lets the HTTP server answer /health, take new requests and see clients go away.
        if (step % this.yieldEvery === this.yieldEvery - 1) await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (e) {
      const failed = [...this.running, ...this.waiting.splice(0)];
      for (const entry of [...this.running]) this.release(entry);
      for (const entry of failed) {
        this.stopWaiting(entry);
        entry.reject(e as Error);
      }
    } finally {
      this.looping = false;
      this.observe(this.waiting.length, this.running.length);
    }
  }

  private dropWaiting(signal: AbortSignal, entries: Set<Entry>): void {
    this.waitingBySignal.delete(signal);
    for (const entry of entries) {
      this.waiting.splice(this.waiting.indexOf(entry), 1);
      entry.resolve(abortedSamples(entry.req.n));
    }
    this.observe(this.waiting.length, this.running.length);
  }

  /** The entry no longer waits: its signal's listener goes once no other entry of it waits. */
  private stopWaiting(entry: Entry): void {
    const { signal } = entry.req;
    const group = signal && this.waitingBySignal.get(signal);
    if (!group) return;
    group.entries.delete(entry);
    if (group.entries.size > 0) return;
    this.waitingBySignal.delete(signal);
    signal.removeEventListener('abort', group.listener);
  }

  /** Moves waiting requests into the batch while their slots fit; true if anything is left to decode. */
  private admit(): boolean {
    let inUse = this.slotsMade - this.freeSlots.length;
    while (this.waiting.length) {
      const entry = this.waiting[0];
      const need = Math.max(1, entry.req.n);
      if (inUse + need > this.maxNumSeqs && this.running.length > 0) break;
      this.waiting.shift();
      this.stopWaiting(entry);
      entry.slots = Array.from({ length: need }, () => this.freeSlots.pop() ?? this.slotsMade++);
      inUse += need;
      this.running.push(entry);
      if (entry.req.prompt.length === 1) this.fork(entry);
    }
    this.decoder.ensureSlots(this.slotsMade);
    this.observe(this.waiting.length, this.running.length);
    return this.running.length > 0;
  }

  /**
   * The prompt is in the first slot's cache: copy it to the others and start the n samples. An
   * aborted request's samples end at once, empty, with nothing copied.
   */
  private fork(entry: Entry): void {
    const { prompt, n, signal } = entry.req;
    const done = signal?.aborted ? 'abort' : undefined;
    if (!done) for (const slot of entry.slots.slice(1)) this.decoder.copySlot(entry.slots[0], slot, prompt.length - 1);
    entry.seqs = entry.slots.slice(0, n).map((slot) => ({ slot, pos: prompt.length - 1, next: prompt[prompt.length - 1], generated: [], text: '', done }));
  }

  private step(): void {
    const slot: number[] = [];
    const token: number[] = [];
    const pos: number[] = [];
    const prefilling: Entry[] = [];
    const decoding: { entry: Entry; seq: Seq; row: number }[] = [];
    for (const entry of this.running) {
      if (!entry.seqs) {
        if (entry.req.signal?.aborted) this.fork(entry);
        else {
          prefilling.push(entry);
          slot.push(entry.slots[0]);
          token.push(entry.req.prompt[entry.prefill]);
          pos.push(entry.prefill);
        }
        continue;
      }
      for (const seq of entry.seqs) {
        if (!seq.done && entry.req.signal?.aborted) seq.done = 'abort';
        if (seq.done) continue;
        decoding.push({ entry, seq, row: slot.length });
        slot.push(seq.slot);
        token.push(seq.next);
        pos.push(seq.pos);
      }
    }
    if (slot.length > 0) {
      const logits = this.decoder.step(Int32Array.from(slot), Int32Array.from(token), Int32Array.from(pos), slot.length);
      for (const entry of prefilling) if (++entry.prefill === entry.req.prompt.length - 1) this.fork(entry);
      for (const { entry, seq, row } of decoding) this.sample(entry, seq, logits, row);
    }
    for (const entry of [...this.running]) {
      if (!entry.seqs || entry.seqs.some((s) => !s.done)) continue;
      this.release(entry);
      entry.resolve(entry.seqs.map((s) => ({ text: s.text, tokens: s.generated.length, finishReason: s.done ?? 'length' })));
    }
  }

  private sample(entry: Entry, seq: Seq, logits: Float32Array, row: number): void {
    const { req } = entry;
    const V = this.decoder.cfg.vocabSize;
    if (req.ignoreEos) logits[row * V + this.tok.eos] = -Infinity;
    const t = sampleToken(logits, row * V, V, req.temperature, req.topP, entry.rng);
    seq.pos++;
    if (t === this.tok.eos) {
      seq.done = 'stop';
      return;
    }
    seq.generated.push(t);
    seq.text += this.tok.decodeToken(t);
    seq.next = t;
    const hit = firstStop(seq.text, req.stop);
    if (hit >= 0) {
      seq.text = seq.text.slice(0, hit);
      seq.done = 'stop';
    } else if (seq.generated.length >= req.maxTokens || seq.pos >= this.decoder.cfg.contextLength) {
      seq.done = 'length';
    }
  }

  private release(entry: Entry): void {
    this.running.splice(this.running.indexOf(entry), 1);
    this.freeSlots.push(...entry.slots);
  }
}

function abortedSamples(n: number): Sample[] {
  return Array.from({ length: n }, () => ({ text: '', tokens: 0, finishReason: 'abort' }));
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
