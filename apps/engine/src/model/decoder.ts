import { alibiBias } from './alibi-bias';
import { learnsPositions, ModelConfig, Offsets, parameterOffsets } from './model-config';
import { instantiateKernels, KernelExports, packPanels } from './wasm-kernels';

const BIAS = 2;
const ACCUMULATE = 1;

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
 * and, after the last slot, the current step's activations.
 */
export class Decoder {
  private readonly off: Offsets;
  private readonly kernels: KernelExports;
  private f32 = new Float32Array(0);
  private i32 = new Int32Array(0);
  private readonly vocabPadded: number;
  /** Where each layer's packed qkv, proj, fc and fcproj weights start, then the packed LM head. */
  private readonly packed: { qkv: number; proj: number; fc: number; fcproj: number }[] = [];
  private readonly headAt: number;
  /** ALiBi's penalties (positions: alibi); 0 floats otherwise. */
  private readonly biasAt: number;
  private readonly cacheAt: number;
  private readonly slotFloats: number;
  private slots = 0;

  constructor(readonly cfg: ModelConfig, params: Float32Array) {
    const { contextLength: T, dModel: C, nLayers, vocabSize: V } = cfg;
    this.off = parameterOffsets(cfg);
    const alibi = cfg.positions === 'alibi' ? alibiBias(cfg) : undefined;
    this.kernels = instantiateKernels(C / cfg.nHeads, alibi !== undefined);
    this.vocabPadded = (V + 7) & ~7;
    let at = params.length;
    const take = (floats: number): number => (at += floats) - floats;
    for (let l = 0; l < nLayers; l++) this.packed.push({ qkv: take(3 * C * C), proj: take(C * C), fc: take(4 * C * C), fcproj: take(4 * C * C) });
    this.headAt = take(this.vocabPadded * C);
    this.biasAt = take(alibi?.length ?? 0);
    this.cacheAt = at;
    this.slotFloats = nLayers * 2 * T * C;
    this.ensureFloats(this.cacheAt);
    this.f32.set(params, 0);
    this.off.layers.forEach((o, l) => {
      const p = this.packed[l];
      packPanels(this.f32, p.qkv, params, o.qkvw, 3 * C, C);
      packPanels(this.f32, p.proj, params, o.projw, C, C);
      packPanels(this.f32, p.fc, params, o.fcw, 4 * C, C);
      packPanels(this.f32, p.fcproj, params, o.fcprojw, C, 4 * C);
    });
    packPanels(this.f32, this.headAt, params, this.off.wte, V, C);
    if (alibi) this.f32.set(alibi, this.biasAt);
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
    const { contextLength: T, dModel: C, nHeads: H } = this.cfg;
    const hs = C / H;
    for (let block = 0; block < 2 * this.cfg.nLayers * H; block++) {
      const src = this.cacheAt + from * this.slotFloats + block * T * hs;
      this.f32.copyWithin(this.cacheAt + to * this.slotFloats + block * T * hs, src, src + len * hs);
    }
  }

  /** out[R, N] = a[R, K] · Wᵀ (+ bias, + out by flags), W packed into panels at the panels byte address. */
  private linear(out: number, a: number, panels: number, bias: number, R: number, K: number, N: number, flags: number): void {
    this.kernels.gemm(out, 4 * N, a, 4 * K, 4, panels, 4 * K, 32, bias, R, K, N, flags);
  }

  /** Logits [R, vocab] for rows (slot[r], token[r]) at position pos[r]. */
  step(slot: Int32Array, token: Int32Array, pos: Int32Array, R: number): Float32Array {
    const { cfg, off, kernels: k } = this;
    const { contextLength: T, dModel: C, nHeads: H, vocabSize: V } = cfg;
    const Vp = this.vocabPadded;
    const x = this.cacheAt + this.slots * this.slotFloats;
    const ln = x + R * C;
    const qkv = ln + R * C;
    const atty = qkv + R * 3 * C;
    const fch = atty + R * C;
    const logits = fch + R * 4 * C;
    const rows = logits + R * Vp;
    const scores = rows + ((2 * R + 3) & ~3);
    this.ensureFloats(scores + T + 4);
    const { f32: heap, i32: ints } = this;
    for (let r = 0; r < R; r++) {
      if (pos[r] >= T) throw new Error(`position ${pos[r]} beyond the context length ${T}`);
      if (slot[r] >= this.slots) throw new Error(`slot ${slot[r]} beyond the ${this.slots} slots reserved`);
      const te = off.wte + token[r] * C;
      if (!learnsPositions(cfg)) heap.copyWithin(x + r * C, te, te + C);
      else {
        const pe = off.wpe + pos[r] * C;
        for (let c = 0; c < C; c++) heap[x + r * C + c] = heap[te + c] + heap[pe + c];
      }
      ints[rows + 2 * r] = slot[r];
      ints[rows + 2 * r + 1] = pos[r];
    }
    const at = (floats: number): number => 4 * floats;
    for (let l = 0; l < cfg.nLayers; l++) {
      const o = off.layers[l];
      const p = this.packed[l];
      k.layerNorm(at(ln), at(x), at(o.ln1w), at(o.ln1b), R, C);
      this.linear(at(qkv), at(ln), at(p.qkv), at(o.qkvb), R, C, 3 * C, BIAS);
      k.attention(at(qkv), at(atty), at(this.cacheAt), at(rows), R, C, T, at(this.slotFloats), at(l * 2 * T * C), at(scores), 1 / Math.sqrt(C / H), at(this.biasAt));
      this.linear(at(x), at(atty), at(p.proj), at(o.projb), R, C, C, BIAS | ACCUMULATE);
      k.layerNorm(at(ln), at(x), at(o.ln2w), at(o.ln2b), R, C);
      this.linear(at(fch), at(ln), at(p.fc), at(o.fcb), R, C, 4 * C, BIAS);
      k.gelu(at(fch), at(fch), R * 4 * C);
      this.linear(at(x), at(fch), at(p.fcproj), at(o.fcprojb), R, 4 * C, C, BIAS | ACCUMULATE);
    }
    k.layerNorm(at(ln), at(x), at(off.lnfw), at(off.lnfb), R, C);
    this.linear(at(logits), at(ln), at(this.headAt), 0, R, C, Vp, 0);
    const out = new Float32Array(R * V);
    for (let r = 0; r < R; r++) out.set(heap.subarray(logits + r * Vp, logits + r * Vp + V), r * V);
    return out;
  }
}
