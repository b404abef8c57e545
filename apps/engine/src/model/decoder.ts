import { alibiBias } from './alibi-bias';
import { decodeRows, type DecodePlan, stepFloats, stepLayout } from './decode-rows';
import { DecodeThread } from './decode-thread';
import { learnsPositions, ModelConfig, parameterOffsets } from './model-config';
import { SHARED_MEMORY_MAX_PAGES } from './wasm-assembler';
import { decodeModule, instantiateKernels, KernelExports, packPanels } from './wasm-kernels';

/** Most threads a decoder splits its steps between (config engine.embedded.threads has the same bound). */
export const MAX_DECODE_THREADS = 64;

/** Fewest rows a thread takes in a step: below it, waking another thread costs more than it saves. */
const MIN_ROWS_PER_THREAD = 4;

export interface DecoderOptions {
  /**
   * Threads a step's rows are split between (default 1): this one and threads - 1 others that
   * share the decoder's memory (decode-thread.ts). Rows are independent, so the numbers are the
   * same whatever the split. Call close() when done with a decoder of more than one thread.
   */
  threads?: number;
}

/**
 * Incremental inference with a KV cache: each step advances a batch of rows (one token each, any
 * slot, any position) through the network, appending keys and values to the rows' cache slots.
 * Rows are independent, so a row's result does not depend on what else is in the batch.
 *
 * The whole step runs in the decoder's own instance of the WebAssembly SIMD kernels, so nothing is
 * copied per step but the token embeddings in and the logits out. Its memory holds, in float32
 * units: the parameters (copied at construction: later changes to params are not seen), the
 * linear weights and the LM head again in the packed matmul's panels, the KV cache (per slot: per
 * layer, the keys then the values, each head-major: per head, T positions of the head's floats)
 * and, after the last slot, the current step's activations (decode-rows.ts). With several threads
 * the memory is shared and each thread runs its own instance of the kernels on it.
 */
export class Decoder {
  private readonly kernels: KernelExports;
  private readonly memory: WebAssembly.Memory;
  private readonly plan: DecodePlan;
  private readonly threads: DecodeThread[] = [];
  private f32: Float32Array<ArrayBufferLike> = new Float32Array(0);
  private i32: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private slots = 0;

  constructor(readonly cfg: ModelConfig, params: Float32Array, options: DecoderOptions = {}) {
    const { contextLength: T, dModel: C, nLayers, vocabSize: V } = cfg;
    const threads = options.threads ?? 1;
    if (!Number.isInteger(threads) || threads < 1 || threads > MAX_DECODE_THREADS) throw new Error(`threads must be an integer from 1 to ${MAX_DECODE_THREADS}, got ${threads}`);
    const off = parameterOffsets(cfg);
    const alibi = cfg.positions === 'alibi' ? alibiBias(cfg) : undefined;
    const hs = C / cfg.nHeads;
    const shared = threads > 1 ? new WebAssembly.Memory({ initial: 1, maximum: SHARED_MEMORY_MAX_PAGES, shared: true }) : undefined;
    this.kernels = instantiateKernels(hs, alibi !== undefined, shared);
    this.memory = this.kernels.memory;
    const vocabPadded = (V + 7) & ~7;
    let at = params.length;
    const take = (floats: number): number => (at += floats) - floats;
    const packed = Array.from({ length: nLayers }, () => ({ qkv: take(3 * C * C), proj: take(C * C), fc: take(4 * C * C), fcproj: take(4 * C * C) }));
    const head = take(vocabPadded * C);
    const bias = take(alibi?.length ?? 0);
    this.plan = { cfg, off, packed, head, bias, cache: at, slotFloats: nLayers * 2 * T * C, vocabPadded };
    this.ensureFloats(this.plan.cache);
    this.f32.set(params, 0);
    off.layers.forEach((o, l) => {
      const p = packed[l];
      packPanels(this.f32, p.qkv, params, o.qkvw, 3 * C, C);
      packPanels(this.f32, p.proj, params, o.projw, C, C);
      packPanels(this.f32, p.fc, params, o.fcw, 4 * C, C);
      packPanels(this.f32, p.fcproj, params, o.fcprojw, C, 4 * C);
    });
    packPanels(this.f32, head, params, off.wte, V, C);
    if (alibi) this.f32.set(alibi, bias);
    if (shared) {
      const module = decodeModule(hs, alibi !== undefined, 'shared');
      for (let t = 1; t < threads; t++) this.threads.push(new DecodeThread({ module, memory: shared, plan: this.plan, thread: t }));
    }
  }

  private ensureFloats(n: number): void {
    const memory = this.memory;
    if (n * 4 > memory.buffer.byteLength) memory.grow(Math.ceil((n * 4 - memory.buffer.byteLength) / 65536));
    if (this.f32.buffer !== memory.buffer) {
      this.f32 = new Float32Array(memory.buffer);
      this.i32 = new Int32Array(memory.buffer);
    }
  }

  ensureSlots(n: number): void {
    if (n <= this.slots) return;
    this.ensureFloats(this.plan.cache + n * this.plan.slotFloats);
    this.slots = n;
  }

  /** Copies the first len cached positions of slot `from` into slot `to` (forking a prefilled prompt). */
  copySlot(from: number, to: number, len: number): void {
    const { contextLength: T, dModel: C, nHeads: H } = this.cfg;
    const { cache, slotFloats } = this.plan;
    const hs = C / H;
    for (let block = 0; block < 2 * this.cfg.nLayers * H; block++) {
      const src = cache + from * slotFloats + block * T * hs;
      this.f32.copyWithin(cache + to * slotFloats + block * T * hs, src, src + len * hs);
    }
  }

  /** Logits [R, vocab] for rows (slot[r], token[r]) at position pos[r]. */
  step(slot: Int32Array, token: Int32Array, pos: Int32Array, R: number): Float32Array {
    const { cfg, plan } = this;
    const { contextLength: T, dModel: C, vocabSize: V } = cfg;
    const Vp = plan.vocabPadded;
    const s = stepLayout(plan, plan.cache + this.slots * plan.slotFloats, R);
    this.ensureFloats(s.x + stepFloats(plan, R, 1 + this.threads.length));
    const { f32: heap, i32: ints } = this;
    for (let r = 0; r < R; r++) {
      if (pos[r] >= T) throw new Error(`position ${pos[r]} beyond the context length ${T}`);
      if (slot[r] >= this.slots) throw new Error(`slot ${slot[r]} beyond the ${this.slots} slots reserved`);
      const te = plan.off.wte + token[r] * C;
      if (!learnsPositions(cfg)) heap.copyWithin(s.x + r * C, te, te + C);
      else {
        const pe = plan.off.wpe + pos[r] * C;
        for (let c = 0; c < C; c++) heap[s.x + r * C + c] = heap[te + c] + heap[pe + c];
      }
      ints[s.rows + 2 * r] = slot[r];
      ints[s.rows + 2 * r + 1] = pos[r];
    }
    const helpers = this.threads.filter((t) => t.ready).slice(0, Math.max(0, Math.floor(R / MIN_ROWS_PER_THREAD) - 1));
    const share = Math.ceil(R / (1 + helpers.length));
    helpers.forEach((t, i) => t.start(s.x, R, Math.min(R, (i + 1) * share), Math.min(R, (i + 2) * share)));
    try {
      decodeRows(this.kernels, plan, s, 0, Math.min(R, share), 0);
    } finally {
      for (const t of helpers) t.finish();
    }
    const out = new Float32Array(R * V);
    for (let r = 0; r < R; r++) out.set(heap.subarray(s.logits + r * Vp, s.logits + r * Vp + V), r * V);
    return out;
  }

  /** Settles when every other thread has started (or failed to: steps then go on without it); steps before that run without them. */
  async ready(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.started));
  }

  /** Stops the decoder's other threads; a decoder of one thread has none. */
  async close(): Promise<void> {
    await Promise.all(this.threads.splice(0).map((t) => t.close()));
  }
}
