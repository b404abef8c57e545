import { ModelConfig, Offsets, parameterOffsets } from './model-config';
import { instantiateKernels, KernelExports } from './wasm-kernels';

const BIAS = 2;
const ACCUMULATE = 1;

/**
 * Incremental inference with a KV cache: each step advances a batch of rows (one token each, any
 * slot, any position) through the network, appending keys and values to the rows' cache slots.
 * Rows are independent, so a row's result does not depend on what else is in the batch.
 *
 * The whole step runs in the decoder's own instance of the WebAssembly SIMD kernels, so nothing is
 * copied per step but the token embeddings in and the logits out. Its memory holds, in float32
 * units: the weights (copied at construction: later changes to params are not seen), the LM head
 * padded to a multiple of 4 rows, the KV cache (per slot: per layer, T keys of C then T values of
 * C) and, after the last slot, the current step's activations.
 */
export class Decoder {
  private readonly off: Offsets;
  private readonly kernels: KernelExports = instantiateKernels();
  private f32 = new Float32Array(0);
  private i32 = new Int32Array(0);
  private readonly vocabPadded: number;
  private readonly headAt: number;
  private readonly cacheAt: number;
  private readonly slotFloats: number;
  private slots = 0;

  constructor(readonly cfg: ModelConfig, params: Float32Array) {
    const { contextLength: T, dModel: C, nLayers, vocabSize: V } = cfg;
    this.off = parameterOffsets(cfg);
    this.vocabPadded = (V + 3) & ~3;
    this.headAt = params.length;
    this.cacheAt = this.headAt + this.vocabPadded * C;
    this.slotFloats = nLayers * 2 * T * C;
    this.ensureFloats(this.cacheAt);
    this.f32.set(params, 0);
    this.f32.set(params.subarray(this.off.wte, this.off.wte + V * C), this.headAt);
  }

  private ensureFloats(n: number): void {
    const memory = this.kernels.memory;
    if (n * 4 > memory.buffer.byteLength) memory.grow(Math.ceil((n * 4 - memory.buffer.byteLength) / 65536));
    if (this.f32.buffer !== memory.buffer) {
      this.f32 = new Float32Array(memory.buffer);
      this.i32 = new Int32Array(memory.buffer);
    }
  }

  ensureSlots(n: number): void {
    if (n <= this.slots) return;
    this.ensureFloats(this.cacheAt + n * this.slotFloats);
    this.slots = n;
  }

  /** Copies the first len cached positions of slot `from` into slot `to` (forking a prefilled prompt). */
  copySlot(from: number, to: number, len: number): void {
    const { contextLength: T, dModel: C } = this.cfg;
    for (let block = 0; block < 2 * this.cfg.nLayers; block++) {
      const src = this.cacheAt + from * this.slotFloats + block * T * C;
      this.f32.copyWithin(this.cacheAt + to * this.slotFloats + block * T * C, src, src + len * C);
    }
  }

  /** Logits [R, vocab] for rows (slot[r], token[r]) at position pos[r]. */
  step(slot: Int32Array, token: Int32Array, pos: Int32Array, R: number): Float32Array {
    const { cfg, off, kernels: k } = this;
    const { contextLength: T, dModel: C, nHeads: H, vocabSize: V } = cfg;
    // Matmuls run over whole pairs of rows: an odd batch gets one zero row.
    const Rp = R + (R & 1);
    const Vp = this.vocabPadded;
    const x = this.cacheAt + this.slots * this.slotFloats;
    const ln = x + Rp * C;
    const qkv = ln + Rp * C;
    const atty = qkv + Rp * 3 * C;
    const fch = atty + Rp * C;
    const logits = fch + Rp * 4 * C;
    const rows = logits + Rp * Vp;
    const scores = rows + ((2 * R + 3) & ~3);
    this.ensureFloats(scores + T + 4);
    const { f32: heap, i32: ints } = this;
    for (let r = 0; r < R; r++) {
      if (pos[r] >= T) throw new Error(`position ${pos[r]} beyond the context length ${T}`);
      if (slot[r] >= this.slots) throw new Error(`slot ${slot[r]} beyond the ${this.slots} slots reserved`);
      const te = off.wte + token[r] * C;
      const pe = off.wpe + pos[r] * C;
      for (let c = 0; c < C; c++) heap[x + r * C + c] = heap[te + c] + heap[pe + c];
      ints[rows + 2 * r] = slot[r];
      ints[rows + 2 * r + 1] = pos[r];
    }
    heap.fill(0, x + R * C, x + Rp * C);
    heap.fill(0, atty + R * C, atty + Rp * C);
    const at = (floats: number): number => 4 * floats;
    for (let l = 0; l < cfg.nLayers; l++) {
      const o = off.layers[l];
      k.layerNorm(at(ln), at(x), at(o.ln1w), at(o.ln1b), Rp, C);
      k.matmul(at(qkv), at(ln), at(o.qkvw), at(o.qkvb), Rp, C, 3 * C, BIAS);
      k.attention(at(qkv), at(atty), at(this.cacheAt), at(rows), R, C, H, T, at(this.slotFloats), at(l * 2 * T * C), at(scores), 1 / Math.sqrt(C / H));
      k.matmul(at(x), at(atty), at(o.projw), at(o.projb), Rp, C, C, BIAS | ACCUMULATE);
      k.layerNorm(at(ln), at(x), at(o.ln2w), at(o.ln2b), Rp, C);
      k.matmul(at(fch), at(ln), at(o.fcw), at(o.fcb), Rp, C, 4 * C, BIAS);
      k.gelu(at(fch), Rp * 4 * C);
      k.matmul(at(x), at(fch), at(o.fcprojw), at(o.fcprojb), Rp, 4 * C, C, BIAS | ACCUMULATE);
    }
    k.layerNorm(at(ln), at(x), at(off.lnfw), at(off.lnfb), Rp, C);
    k.matmul(at(logits), at(ln), at(this.headAt), 0, Rp, C, Vp, 0);
    const out = new Float32Array(R * V);
    for (let r = 0; r < R; r++) out.set(heap.subarray(logits + r * Vp, logits + r * Vp + V), r * V);
    return out;
  }
}
