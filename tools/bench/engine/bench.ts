/**
 * Engine benchmark (a table, not a test). Everything is measured in the same run, as medians of
 * several repetitions with their range, beside the baselines it is judged against:
 *  - the machine's matmul: the engine's own WebAssembly SIMD kernel (gemm, weights packed once) in a
 *    tight loop on a large square product, a naive i-k-j JavaScript loop, and numpy/OpenBLAS at 1
 *    and 2 threads, on that square and on the engine's own shapes; on the decode shapes also a
 *    blocked JavaScript kernel;
 *  - decoding with the KV cache at batch 1, 16, 64 and 256 (the whole step, in WebAssembly), beside
 *    the same decode step in numpy float32 (numpy-decode-step.ts) at 16, 64 and 256, one n = 16
 *    request end to end, and the latency of short requests that arrive while a long one decodes:
 *    joining its batch (continuous batching) against waiting for it to end (batch after batch);
 *  - the KTO training step exactly as `train` runs it (examples/s and achieved GFLOP/s), on one
 *    thread and on two worker threads, beside the same step in numpy float32 (numpy-kto-step.ts)
 *    at 1 and 2 OpenBLAS threads;
 *  - one training step of the 0.81 M-parameter model that the TensorFlow.js backends were measured
 *    on (apps/engine/README.md), on one thread and on two worker threads.
 * FLOPs count the matmuls and attention only (LayerNorm, GELU, softmax and AdamW are left out), so
 * every achieved GFLOP/s here is a lower bound.
 * Usage: node --import tsx tools/bench/engine/bench.ts [MODEL_DIR] [--reps N]
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCheckpoint } from '../../../apps/engine/src/checkpoint/checkpoint';
import { CorpusGenerator } from '../../../apps/engine/src/corpus/corpus-generator';
import { embeddedTemplates } from '../../../apps/engine/src/corpus/embedded-templates';
import { Decoder } from '../../../apps/engine/src/model/decoder';
import { initParameters } from '../../../apps/engine/src/model/init-parameters';
import { matmulNTScalar, MatmulKernel } from '../../../apps/engine/src/model/kernels';
import { ModelConfig, parameterLayout } from '../../../apps/engine/src/model/model-config';
import { instantiateKernels, packPanels } from '../../../apps/engine/src/model/wasm-kernels';
import { packDocuments, TrainGraph } from '../../../apps/engine/src/model/train-graph';
import { DecodeLoop } from '../../../apps/engine/src/sample/decode-loop';
import { generate, GenerationRequest } from '../../../apps/engine/src/sample/generate';
import { CharTokenizer } from '../../../apps/engine/src/tokenizer/char-tokenizer';
import { AdamW } from '../../../apps/engine/src/train/adam-w';
import { ktoStep } from '../../../apps/engine/src/train/kto-step';
import { FullUpdate } from '../../../apps/engine/src/train/policy-update';
import { ShardedModel, TrainDoc } from '../../../apps/engine/src/train/sharded-model';
import { blasRates, type Shape, type Stat } from '../shared/blas-rates';
import { forwardFlops, ktoFlops, mismatchedDocs, tokenFlops } from '../shared/kto-flops';
import { numpyDecodeRate } from './numpy-decode-step';
import { numpyKtoRate } from './numpy-kto-step';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { reps: { type: 'string', default: '5' } } });
const REPS = Number(values.reps);
const modelDir = path.resolve(positionals[0] ?? path.join(__dirname, '../../../apps/engine/models/base'));
const SQUARE = 512;
const KTO_BATCH = 32;
const KTO_WARMUP_STEPS = 3;
const KTO_STEPS_PER_REP = 4;
/** The configuration MACHINE-NOTES.md measured TensorFlow.js on: d 128, 4 layers, 4 heads, context 64, 32 x 64 tokens. */
const TFJS_CFG: ModelConfig = { vocabSize: 98, contextLength: 64, dModel: 128, nLayers: 4, nHeads: 4 };

const now = (): number => performance.now() / 1000;

/** Runs `once` reps times; each call returns the amount of work done and the seconds it took. */
async function rates(reps: number, once: () => Promise<[number, number]> | [number, number]): Promise<Stat> {
  const xs: number[] = [];
  for (let r = 0; r < reps; r++) {
    const [work, seconds] = await once();
    xs.push(work / seconds);
  }
  xs.sort((a, b) => a - b);
  return { median: xs[Math.floor(xs.length / 2)], min: xs[0], max: xs[xs.length - 1] };
}

const scale = (s: Stat, k: number): Stat => ({ median: s.median * k, min: s.min * k, max: s.max * k });

/** The [M, K, N] products of one layer plus the LM head for `rows` tokens at once. */
function layerShapes(cfg: ModelConfig, rows: number): Shape[] {
  const C = cfg.dModel;
  return [[rows, C, 3 * C], [rows, C, C], [rows, C, 4 * C], [rows, 4 * C, C], [rows, C, cfg.vocabSize]];
}

/** Forward, input-gradient and weight-gradient products of every linear layer over `rows` tokens. */
function trainShapes(cfg: ModelConfig, rows: number): Shape[] {
  return layerShapes(cfg, rows).flatMap(([N, IN, OUT]): Shape[] => [[N, IN, OUT], [N, OUT, IN], [OUT, N, IN]]);
}

function kernelRate(kernel: MatmulKernel, shapes: Shape[], reps: number, calls: number): Promise<Stat> {
  const bufs = shapes.map(([M, K, N]) => ({ a: Float32Array.from({ length: M * K }, (_, i) => (i % 7) - 3), b: Float32Array.from({ length: N * K }, (_, i) => (i % 5) - 2), o: new Float32Array(M * N) }));
  const flops = shapes.reduce((s, [M, K, N]) => s + 2 * M * K * N, 0);
  return rates(reps, () => {
    const t0 = now();
    for (let c = 0; c < calls; c++) shapes.forEach(([M, K, N], i) => kernel(bufs[i].o, 0, bufs[i].a, 0, bufs[i].b, 0, M, K, N, null, 0, false));
    return [(calls * flops) / 1e9, now() - t0];
  });
}

/** The engine's gemm: weights packed once into panels, bias added in the kernel, as in a decode step or a training forward. */
function packedRate(shapes: Shape[], reps: number, calls: number): Promise<Stat> {
  const k = instantiateKernels(4);
  let at = 0;
  const take = (floats: number): number => (at += floats) - floats;
  const bufs = shapes.map(([M, K, N]) => {
    const Np = (N + 7) & ~7;
    return { Np, a: take(M * K), panels: take(Np * K), bias: take(Np), out: take(M * Np) };
  });
  k.memory.grow(Math.ceil((4 * at) / 65536));
  const heap = new Float32Array(k.memory.buffer);
  shapes.forEach(([M, K, N], i) => {
    heap.fill(0.5, bufs[i].a, bufs[i].a + M * K);
    packPanels(heap, bufs[i].panels, Float32Array.from({ length: N * K }, (_, j) => (j % 5) - 2), 0, N, K);
  });
  const flops = shapes.reduce((s, [M, K, N]) => s + 2 * M * K * N, 0);
  return rates(reps, () => {
    const t0 = now();
    for (let c = 0; c < calls; c++) {
      shapes.forEach(([M, K], i) => k.gemm(4 * bufs[i].out, 4 * bufs[i].Np, 4 * bufs[i].a, 4 * K, 4, 4 * bufs[i].panels, 4 * K, 32, 4 * bufs[i].bias, M, K, bufs[i].Np, 2));
    }
    return [(calls * flops) / 1e9, now() - t0];
  });
}

/** The textbook loop a first JavaScript port would write: out = a · bᵀ, i-k-j order over Float32Arrays. */
function naiveRate(n: number, reps: number): Promise<Stat> {
  const a = Float32Array.from({ length: n * n }, (_, i) => (i % 7) - 3);
  const bt = Float32Array.from({ length: n * n }, (_, i) => (i % 5) - 2);
  const out = new Float32Array(n * n);
  return rates(reps, () => {
    const t0 = now();
    out.fill(0);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        const x = a[i * n + k];
        for (let j = 0; j < n; j++) out[i * n + j] += x * bt[k * n + j];
      }
    }
    return [(2 * n * n * n) / 1e9, now() - t0];
  });
}

/** GFLOP per token of a decode over positions 0..steps-1. */
function decodeGflops(cfg: ModelConfig, steps: number): number {
  let flops = 0;
  for (let p = 0; p < steps; p++) flops += tokenFlops(cfg, p);
  return flops / steps / 1e9;
}

/** Raw decode: B rows (token 5) stepping positions 0..steps-1 in B cache slots, one token each per step. */
function decodeRate(dec: Decoder, B: number, steps: number, reps: number): Promise<{ tok: Stat; gflops: Stat }> {
  dec.ensureSlots(B);
  const slot = Int32Array.from({ length: B }, (_, i) => i);
  const token = new Int32Array(B).fill(5);
  return rates(reps, () => {
    const t0 = now();
    for (let p = 0; p < steps; p++) dec.step(slot, token, new Int32Array(B).fill(p), B);
    return [B * steps, now() - t0];
  }).then((tok) => ({ tok, gflops: scale(tok, decodeGflops(dec.cfg, steps)) }));
}

/**
 * Seconds until 8 short requests (n 2 x 16 tokens) are answered when they arrive just after a long
 * one (n 16 x 192 tokens) started decoding: joining its batch, or queued until it ends.
 */
async function staggeredLatency(cfg: ModelConfig, params: Float32Array, tok: CharTokenizer, joined: boolean, reps: number): Promise<Stat> {
  const prompt = tok.encode('Solve 23+45*2-7\n');
  const base = { prompt, temperature: 1, topP: 1, stop: [], ignoreEos: true };
  const long: GenerationRequest = { ...base, n: 16, maxTokens: 192, seed: 1 };
  const shorts: GenerationRequest[] = Array.from({ length: 8 }, (_, i) => ({ ...base, n: 2, maxTokens: 16, seed: 10 + i }));
  const started = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  const perSecond = await rates(reps, async () => {
    const dec = new Decoder(cfg, params);
    if (joined) {
      const loop = new DecodeLoop(dec, tok, 256);
      const running = loop.add(long);
      await started();
      const t = now();
      await Promise.all(shorts.map((r) => loop.add(r)));
      const seconds = now() - t;
      await running;
      return [1, seconds];
    }
    const running = generate(dec, tok, [long]);
    await started();
    const t = now();
    await running;
    await generate(dec, tok, shorts);
    return [1, now() - t];
  });
  return { median: 1 / perSecond.median, min: 1 / perSecond.max, max: 1 / perSecond.min };
}

function corpusDocs(tok: CharTokenizer, n: number, cutoff: number): TrainDoc[] {
  const corpus = new CorpusGenerator(99, embeddedTemplates(), new Set());
  return Array.from({ length: n }, () => {
    const ex = corpus.next();
    const p = tok.encode(ex.prompt);
    return { tokens: [...p, ...tok.encode(ex.completion), tok.eos].slice(0, cutoff), lossFrom: p.length };
  });
}

function decayMask(cfg: ModelConfig): Uint8Array {
  const { tensors, total } = parameterLayout(cfg);
  const mask = new Uint8Array(total);
  for (const t of tensors) if (t.shape.length === 2) mask.fill(1, t.offset, t.offset + t.size);
  return mask;
}

const tokenCount = (docs: readonly TrainDoc[]): number => docs.reduce((s, d) => s + d.tokens.length - 1, 0);

/** The KTO step of `train` (4 forwards, 1 backward, clipping, AdamW) on KTO_BATCH corpus examples. */
async function ktoRate(cfg: ModelConfig, params: Float32Array, docs: readonly TrainDoc[], workers: number, reps: number): Promise<{ ex: Stat; gflops: Stat }> {
  const klDocs = mismatchedDocs(cfg, docs);
  const desirable = docs.map((_, i) => i % 2 === 0);
  const flops = ktoFlops(cfg, docs);
  const model = new ShardedModel(cfg, params, params, workers);
  const update = new FullUpdate(model, new AdamW(model.policy, decayMask(cfg), 0.9, 0.999, 1e-8, 0));
  const opts = { pref_beta: 0.1, pref_ftx: 0, kto_chosen_weight: 1, kto_rejected_weight: 1, max_grad_norm: 1, lr: 1e-6 };
  try {
    // Warm-up: worker start and V8's tier-up of each thread's code. With one warm-up step and one
    // step a rep, 2 workers read 1.64x one thread (186-215 ex/s); with these settings 1.84x
    // (218-224), as a 12-step probe after 2 warm-up steps (1.86x), on the same quiet machine.
    for (let i = 0; i < KTO_WARMUP_STEPS; i++) await ktoStep(model, update, docs, klDocs, desirable, opts);
    const ex = await rates(reps, async () => {
      const t0 = now();
      for (let i = 0; i < KTO_STEPS_PER_REP; i++) await ktoStep(model, update, docs, klDocs, desirable, opts);
      return [KTO_STEPS_PER_REP * docs.length, now() - t0];
    });
    return { ex, gflops: scale(ex, flops / docs.length / 1e9) };
  } finally {
    await model.close();
  }
}

const TFJS_DOCS: TrainDoc[] = Array.from({ length: 32 }, (_, d) => ({ tokens: Array.from({ length: 65 }, (_, t) => 2 + ((d * 7 + t * 3) % 95)), lossFrom: 1 }));

/** Seconds per step (forward, backward, AdamW) of the TensorFlow.js comparison model on 32 x 64 tokens. */
async function tfjsModelStep(workers: 0 | 2, reps: number): Promise<{ seconds: Stat; gflops: Stat }> {
  const params = initParameters(TFJS_CFG, 1);
  const docs = TFJS_DOCS;
  const flops = 3 * forwardFlops(TFJS_CFG, docs);
  const coef = new Float64Array(docs.length).fill(-1 / (docs.length * 64));
  let step: () => Promise<void>;
  let close = async (): Promise<void> => undefined;
  if (workers > 0) {
    const model = new ShardedModel(TFJS_CFG, params, null, workers);
    const adam = new AdamW(model.policy, decayMask(TFJS_CFG));
    step = async () => {
      await model.forward(docs, 'policy');
      await model.optimizerStep(adam, await model.backward(coef), 1e-4);
    };
    close = () => model.close();
  } else {
    const graph = new TrainGraph(TFJS_CFG);
    const batch = packDocuments(docs);
    const grads = new Float32Array(params.length);
    const dlogp = new Float32Array(batch.tokens.length).fill(coef[0]);
    const adam = new AdamW(params, decayMask(TFJS_CFG));
    step = async () => {
      grads.fill(0);
      graph.forward(params, batch);
      graph.backward(grads, dlogp);
      adam.step(grads, 1e-4);
    };
  }
  try {
    await step();
    const perSecond = await rates(reps, async () => {
      const t0 = now();
      await step();
      return [1, now() - t0];
    });
    const seconds = { median: 1 / perSecond.median, min: 1 / perSecond.max, max: 1 / perSecond.min };
    return { seconds, gflops: scale(perSecond, flops / 1e9) };
  } finally {
    await close();
  }
}

async function main(): Promise<void> {
  if (!existsSync(modelDir)) throw new Error(`model not found: ${modelDir}`);
  const load0 = os.loadavg()[0];
  const t0 = now();
  const ck = loadCheckpoint(modelDir);
  const cfg = ck.cfg;
  const dec = new Decoder(cfg, ck.params);
  const steps = Math.min(128, cfg.contextLength);

  const ktoDocs = corpusDocs(ck.tokenizer, KTO_BATCH, cfg.contextLength);
  const shapes: Record<string, Shape[]> = {
    square: [[SQUARE, SQUARE, SQUARE]],
    decode16: layerShapes(cfg, 16),
    decode64: layerShapes(cfg, 64),
    decode256: layerShapes(cfg, 256),
    kto: trainShapes(cfg, tokenCount(ktoDocs)),
    tfjs: trainShapes(TFJS_CFG, tokenCount(TFJS_DOCS)),
  };

  const wasmSquare = await packedRate(shapes.square, REPS, 4);
  const naiveSquare = await naiveRate(SQUARE, REPS);
  const packedDecode16 = await packedRate(shapes.decode16, REPS, 2000);
  const jsDecode16 = await kernelRate(matmulNTScalar, shapes.decode16, REPS, 500);
  const blas = { 1: await blasRates(shapes, 1, REPS), 2: await blasRates(shapes, 2, REPS) };
  // OpenBLAS threads spin and collapse when the cores are already busy, so a row on 2 threads is
  // held against the better of OpenBLAS's 1- and 2-thread figures: what the machine can do at least.
  const blasBest = (threads: 1 | 2, set: string): number => (threads === 1 ? blas[1][set].median : Math.max(blas[1][set].median, blas[2][set].median));

  const d1 = await decodeRate(dec, 1, steps, REPS);
  // The same decode with its steps split between 2 threads (serve --threads 2).
  const dec2 = new Decoder(cfg, ck.params, { threads: 2 });
  await dec2.ready();
  // Batch by batch, the engine's decode and numpy's, on 1 thread and on 2, so that a change in the
  // machine's load hits both alike.
  type DecodeRow = { B: number; threads: 1 | 2; engine: { tok: Stat; gflops: Stat }; numpy: Stat };
  const decodeRows: DecodeRow[] = [];
  let numpyLogits: number[] = [];
  const weights = path.join(modelDir, 'model.safetensors');
  for (const B of [16, 64, 256]) {
    for (const threads of [1, 2] as const) {
      const engine = await decodeRate(threads === 1 ? dec : dec2, B, steps, REPS);
      const { logits, ...numpy } = await numpyDecodeRate(weights, cfg, B, steps, REPS, threads);
      decodeRows.push({ B, threads, engine, numpy });
      numpyLogits = logits;
    }
  }
  // Both decode the same step: the engine's logits for row 0 at the last position against numpy's,
  // and the 2-thread decoder's for a whole batch against the 1-thread one's (bit for bit).
  const engineLogits = dec.step(Int32Array.of(0), Int32Array.of(5), Int32Array.of(steps - 1), 1);
  const logitsDiff = numpyLogits.reduce((m, x, i) => Math.max(m, Math.abs(x - engineLogits[i])), 0);
  const batchOf = (d: Decoder): Float32Array => d.step(Int32Array.from({ length: 64 }, (_, i) => i), new Int32Array(64).fill(7), new Int32Array(64).fill(steps - 1), 64);
  const [oneThread, twoThreads] = [batchOf(dec), batchOf(dec2)];
  const threadsDiffer = oneThread.some((x, i) => x !== twoThreads[i]);
  await dec2.close();
  const prompt = ck.tokenizer.encode('Solve 23+45*2-7\n');
  const e2e = await rates(REPS, async () => {
    const t = now();
    const [s] = await generate(dec, ck.tokenizer, [{ prompt, n: 16, temperature: 1, topP: 1, maxTokens: 64, stop: [], seed: 1, ignoreEos: true }], 1 << 30);
    return [s.reduce((a, x) => a + x.tokens, 0), now() - t];
  });

  const joined = await staggeredLatency(cfg, ck.params, ck.tokenizer, true, REPS);
  const queued = await staggeredLatency(cfg, ck.params, ck.tokenizer, false, REPS);

  const kto1 = await ktoRate(cfg, ck.params, ktoDocs, 0, REPS);
  const kto2 = await ktoRate(cfg, ck.params, ktoDocs, 2, REPS);
  const ktoFlopsPerEx = ktoFlops(cfg, ktoDocs) / KTO_BATCH / 1e9;
  const numpy1 = await numpyKtoRate(cfg, ktoDocs, mismatchedDocs(cfg, ktoDocs), 1, REPS, KTO_STEPS_PER_REP);
  const numpy2 = await numpyKtoRate(cfg, ktoDocs, mismatchedDocs(cfg, ktoDocs), 2, REPS, KTO_STEPS_PER_REP);
  const tfjsWasm = await tfjsModelStep(0, REPS);
  const tfjsWorkers = await tfjsModelStep(2, REPS);

  const f = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  const stat = (s: Stat, unit = ''): string => `${f(s.median)}${unit} (${f(s.min)}–${f(s.max)})`;
  const pct = (x: number): string => `${(100 * x).toFixed(0)} %`;
  const ktoTokens = tokenCount(ktoDocs);
  interface Row { name: string; threads: 1 | 2; rate?: string; gflops?: Stat; shapes?: string }
  const rows: Row[] = [
    { name: `matmul ${SQUARE}³, engine wasm SIMD kernel (gemm on packed panels), tight loop`, threads: 1, gflops: wasmSquare, shapes: 'square' },
    { name: `matmul ${SQUARE}³, naive JavaScript i-k-j loop (baseline)`, threads: 1, gflops: naiveSquare, shapes: 'square' },
    { name: `matmul ${SQUARE}³, numpy/OpenBLAS`, threads: 1, gflops: blas[1].square, shapes: 'square' },
    { name: `matmul ${SQUARE}³, numpy/OpenBLAS`, threads: 2, gflops: blas[2].square, shapes: 'square' },
    { name: 'matmul on decode batch-16 shapes, engine wasm SIMD kernel (gemm on packed panels)', threads: 1, gflops: packedDecode16, shapes: 'decode16' },
    { name: 'matmul on decode batch-16 shapes, blocked JavaScript kernel', threads: 1, gflops: jsDecode16, shapes: 'decode16' },
    { name: `decode batch 1, KV cache, positions 0–${steps - 1}`, threads: 1, rate: stat(d1.tok, ' tok/s'), gflops: d1.gflops, shapes: 'decode16' },
    ...decodeRows.flatMap(({ B, threads, engine, numpy }): Row[] => [
      { name: `decode batch ${B}, KV cache, positions 0–${steps - 1}`, threads, rate: stat(engine.tok, ' tok/s'), gflops: engine.gflops, shapes: `decode${B}` },
      { name: `the same decode batch ${B} in numpy float32 (baseline)`, threads, rate: stat(numpy, ' tok/s'), gflops: scale(numpy, decodeGflops(cfg, steps)), shapes: `decode${B}` },
    ]),
    { name: 'one request, n=16 × 64 tokens: prefill, fork, sample', threads: 1, rate: stat(e2e, ' tok/s') },
    { name: '8 short requests (n=2 × 16) arriving as n=16 × 192 decodes: their latency, joining its batch', threads: 1, rate: stat(scale(joined, 1000), ' ms') },
    { name: '8 short requests (n=2 × 16) arriving as n=16 × 192 decodes: their latency, batch after batch (baseline)', threads: 1, rate: stat(scale(queued, 1000), ' ms') },
    { name: `KTO train step (4 fwd + bwd + AdamW), ${KTO_BATCH} examples, ${ktoTokens} tokens`, threads: 1, rate: stat(kto1.ex, ' ex/s'), gflops: kto1.gflops, shapes: 'kto' },
    { name: `KTO train step (4 fwd + bwd + AdamW), ${KTO_BATCH} examples, ${ktoTokens} tokens`, threads: 2, rate: stat(kto2.ex, ' ex/s'), gflops: kto2.gflops, shapes: 'kto' },
    { name: 'the same KTO step in numpy float32 (baseline)', threads: 1, rate: stat(numpy1, ' ex/s'), gflops: scale(numpy1, ktoFlopsPerEx), shapes: 'kto' },
    { name: 'the same KTO step in numpy float32 (baseline)', threads: 2, rate: stat(numpy2, ' ex/s'), gflops: scale(numpy2, ktoFlopsPerEx), shapes: 'kto' },
    { name: '0.81 M-param model, fwd + bwd + AdamW on 32×64 tokens', threads: 1, rate: stat(tfjsWasm.seconds, ' s/step'), gflops: tfjsWasm.gflops, shapes: 'tfjs' },
    { name: '0.81 M-param model, fwd + bwd + AdamW on 32×64 tokens', threads: 2, rate: stat(tfjsWorkers.seconds, ' s/step'), gflops: tfjsWorkers.gflops, shapes: 'tfjs' },
  ];
  const load1 = os.loadavg()[0];
  console.log(`Engine benchmark, ${new Date().toISOString().slice(0, 10)}: model ${path.relative(process.cwd(), modelDir) || modelDir} (d ${cfg.dModel}, ${cfg.nLayers} layers, ${cfg.nHeads} heads, context ${cfg.contextLength}); ` +
    `median (min–max) of ${REPS} runs; ${os.cpus().length} cores, 1-minute load average ${load0.toFixed(1)} at the start and ${load1.toFixed(1)} at the end; ${(now() - t0).toFixed(0)} s.`);
  console.log('');
  console.log(`| measure | threads | throughput | GFLOP/s | % of wasm kernel on ${SQUARE}³ × threads | % of OpenBLAS on ${SQUARE}³ | % of OpenBLAS on the same shapes |`);
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const g = r.gflops;
    const cells = g
      ? [stat(g), pct(g.median / (r.threads * wasmSquare.median)), pct(g.median / blasBest(r.threads, 'square')), r.shapes ? pct(g.median / blasBest(r.threads, r.shapes)) : '']
      : ['', '', '', ''];
    console.log(`| ${[r.name, r.threads, r.rate ?? '', ...cells].join(' | ')} |`);
  }
  console.log('');
  console.log('OpenBLAS columns: at the row\'s thread count, or for 2 threads the better of its 1- and 2-thread figures.');
  const numpyBest = Math.max(numpy1.median, numpy2.median);
  console.log(`KTO step against numpy's: ${(kto1.ex.median / numpy1.median).toFixed(2)}x on 1 thread, ${(kto2.ex.median / numpyBest).toFixed(2)}x on 2 (against numpy's better of 1 and 2 threads); ` +
    `2 workers / 1 thread: ${(kto2.ex.median / kto1.ex.median).toFixed(2)}x; ` +
    `% of the machine's sgemm peak (OpenBLAS on ${SQUARE}³): ${pct(kto1.gflops.median / blasBest(1, 'square'))} on 1 thread, ${pct(kto2.gflops.median / blasBest(2, 'square'))} on 2.`);
  const decodeTok = (B: number, threads: 1 | 2): number => {
    const row = decodeRows.find((r) => r.B === B && r.threads === threads);
    if (!row) throw new Error(`no decode row for batch ${B} on ${threads} threads`);
    return row.engine.tok.median;
  };
  for (const threads of [1, 2] as const) {
    const same = decodeRows.filter((r) => r.threads === threads);
    const [first, last] = [same[0], same[same.length - 1]];
    console.log(`Decode against numpy's (${threads} thread${threads > 1 ? 's' : ''} each): ${same.map((r) => `${(r.engine.tok.median / r.numpy.median).toFixed(2)}x at batch ${r.B}`).join(', ')}; ` +
      `batch ${last.B} / batch ${first.B}: ${(last.engine.tok.median / first.engine.tok.median).toFixed(2)}x` +
      (threads === 1 ? '.' : `; against 1 thread: ${same.map((r) => `${(r.engine.tok.median / decodeTok(r.B, 1)).toFixed(2)}x at batch ${r.B}`).join(', ')}.`));
  }
  console.log(`Decode batch 256 on 2 threads / batch 16 on 1: ${(decodeTok(256, 2) / decodeTok(16, 1)).toFixed(2)}x; ` +
    `largest logit difference from numpy's at position ${steps - 1}: ${logitsDiff.toExponential(1)}; 2 threads' logits ${threadsDiffer ? 'DIFFER from' : 'identical to'} 1 thread's on a batch of 64.`);
  console.log(`Same shapes: decode rows against OpenBLAS on one layer's products for the row's batch plus the LM head; training rows against the forward, input-gradient and weight-gradient products of every layer over the step's tokens (${ktoTokens} for KTO, 2048 for the 0.81 M model).`);
}

main().catch((e: Error) => {
  console.error(`error: ${e.message}`);
  process.exitCode = 1;
});
