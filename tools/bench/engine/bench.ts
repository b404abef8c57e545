/**
 * Engine benchmark: decode tokens/s at batch 1 and 16, training examples/s, and the engine's
 * achieved GFLOP/s beside numpy/OpenBLAS on the same matmul shapes, measured in the same run.
 * Usage: node --import tsx tools/bench/engine/bench.ts [MODEL_DIR] [--reps N]
 */
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadCheckpoint } from '../../../apps/engine/src/checkpoint/checkpoint';
import { CorpusGenerator } from '../../../apps/engine/src/corpus/corpus-generator';
import { embeddedTemplates } from '../../../apps/engine/src/corpus/embedded-templates';
import { Decoder } from '../../../apps/engine/src/model/decoder';
import { matmulNT, matmulNTScalar } from '../../../apps/engine/src/model/kernels';
import { ModelConfig } from '../../../apps/engine/src/model/model-config';
import { generate } from '../../../apps/engine/src/sample/generate';
import { ktoLoss } from '../../../apps/engine/src/train/kto-loss';
import { ShardedModel, TrainDoc } from '../../../apps/engine/src/train/sharded-model';

const args = process.argv.slice(2);
const repsAt = args.indexOf('--reps');
const REPS = repsAt >= 0 ? Number(args[repsAt + 1]) : 5;
const modelDir = path.resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--reps') ?? path.join(__dirname, '../../../apps/engine/models/base'));

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = (): number => performance.now() / 1000;

/** The [M, K, N] matmuls of one layer plus the LM head, for `rows` tokens at once. */
function matmulShapes(cfg: ModelConfig, rows: number): [number, number, number][] {
  const C = cfg.dModel;
  return [[rows, C, 3 * C], [rows, C, C], [rows, C, 4 * C], [rows, 4 * C, C], [rows, C, cfg.vocabSize]];
}

/**
 * Forward FLOPs of one token at position pos: 2 per weight of the 12·C² per layer and of the tied
 * LM head, plus attention (scores and weighted values: 4·(pos+1)·C per layer). LayerNorm, GELU and
 * softmax are not counted, so the achieved figure is a lower bound.
 */
function tokenFlops(cfg: ModelConfig, pos: number): number {
  const C = cfg.dModel;
  return 24 * C * C * cfg.nLayers + 2 * C * cfg.vocabSize + 4 * (pos + 1) * C * cfg.nLayers;
}

/** Raw decode: B rows stepping positions 0..steps-1 in B cache slots. */
function decodeRate(dec: Decoder, B: number, steps: number): { tokPerS: number; gflops: number } {
  dec.ensureSlots(B);
  const slot = Int32Array.from({ length: B }, (_, i) => i);
  const token = new Int32Array(B).fill(5);
  const times: number[] = [];
  let flops = 0;
  for (let p = 0; p < steps; p++) flops += B * tokenFlops(dec.cfg, p);
  for (let r = 0; r < REPS; r++) {
    const t0 = now();
    for (let p = 0; p < steps; p++) dec.step(slot, token, new Int32Array(B).fill(p), B);
    times.push(now() - t0);
  }
  const t = median(times);
  return { tokPerS: (B * steps) / t, gflops: flops / t / 1e9 };
}

function kernelGflops(kernel: typeof matmulNT, shapes: [number, number, number][]): number {
  let flops = 0;
  const times: number[] = [];
  const bufs = shapes.map(([M, K, N]) => ({ a: new Float32Array(M * K).fill(0.5), b: new Float32Array(N * K).fill(0.25), o: new Float32Array(M * N) }));
  for (const [M, K, N] of shapes) flops += 2 * M * K * N;
  for (let r = 0; r < REPS; r++) {
    const t0 = now();
    for (let it = 0; it < 50; it++) shapes.forEach(([M, K, N], i) => kernel(bufs[i].o, 0, bufs[i].a, 0, bufs[i].b, 0, M, K, N, null, 0, false));
    times.push((now() - t0) / 50);
  }
  return flops / median(times) / 1e9;
}

async function blasGflops(shapes: [number, number, number][]): Promise<number> {
  const script = [
    'import json, sys, time, numpy as np',
    'shapes = json.loads(sys.argv[1]); reps = int(sys.argv[2])',
    'mats = [(np.random.rand(m, k).astype(np.float32), np.random.rand(n, k).astype(np.float32)) for m, k, n in shapes]',
    'flops = sum(2 * m * k * n for m, k, n in shapes)',
    'ts = []',
    'for _ in range(reps):',
    '    t0 = time.perf_counter()',
    '    for _ in range(50):',
    '        for a, b in mats: a @ b.T',
    '    ts.append((time.perf_counter() - t0) / 50)',
    'print(flops / sorted(ts)[len(ts) // 2] / 1e9)',
  ].join('\n');
  const r = await execa('python3', ['-c', script, JSON.stringify(shapes), String(REPS)]);
  return Number(r.stdout.trim());
}

async function trainingRate(cfg: ModelConfig, params: Float32Array, workers: number): Promise<{ pretrainExPerS: number; ktoExPerS: number; tokPerS: number; gflops: number }> {
  const tok = loadCheckpoint(modelDir).tokenizer;
  const corpus = new CorpusGenerator(99, embeddedTemplates(), new Set());
  const docs: TrainDoc[] = Array.from({ length: 64 }, () => {
    const ex = corpus.next();
    const p = tok.encode(ex.prompt);
    return { tokens: [...p, ...tok.encode(ex.completion), tok.eos], lossFrom: p.length };
  });
  const tokens = docs.reduce((s, d) => s + d.tokens.length - 1, 0);
  // Backward costs about twice the forward, so a training step is about 3x the forward FLOPs.
  let stepFlops = 0;
  for (const d of docs) for (let t = 0; t < d.tokens.length - 1; t++) stepFlops += 3 * tokenFlops(cfg, t);
  const model = new ShardedModel(cfg, params, params, workers);
  try {
    const pre: number[] = [];
    const kto: number[] = [];
    for (let r = 0; r < Math.max(2, Math.ceil(REPS / 2)); r++) {
      let t0 = now();
      await model.forward(docs, 'policy');
      await model.backward(new Float64Array(docs.length).fill(-1e-3));
      pre.push(now() - t0);
      t0 = now();
      const kl = docs.map((_, i) => docs[(i + 1) % docs.length]).map((d, i) => ({ tokens: [...docs[i].tokens.slice(0, docs[i].lossFrom), ...d.tokens.slice(d.lossFrom)], lossFrom: docs[i].lossFrom }));
      const ref = await model.forward(docs, 'reference');
      const klRef = await model.forward(kl, 'reference');
      const klPol = await model.forward(kl, 'policy');
      const pol = await model.forward(docs, 'policy');
      const l = ktoLoss(pol.logp, ref.logp, klPol.logp, klRef.logp, docs.map((_, i) => i % 2 === 0), 0.1, 1, 1);
      await model.backward(l.grad);
      kto.push(now() - t0);
    }
    return { pretrainExPerS: docs.length / median(pre), ktoExPerS: docs.length / median(kto), tokPerS: tokens / median(pre), gflops: stepFlops / median(pre) / 1e9 };
  } finally {
    await model.close();
  }
}

async function main(): Promise<void> {
  if (!existsSync(modelDir)) throw new Error(`model not found: ${modelDir}`);
  const ck = loadCheckpoint(modelDir);
  const dec = new Decoder(ck.cfg, ck.params);
  const steps = 128;
  const d1 = decodeRate(dec, 1, steps);
  const d16 = decodeRate(dec, 16, steps);
  const shapes16 = matmulShapes(ck.cfg, 16);
  const simd16 = kernelGflops(matmulNT, shapes16);
  const js16 = kernelGflops(matmulNTScalar, shapes16);
  const blas16 = await blasGflops(shapes16);
  const shapesTrain = matmulShapes(ck.cfg, 2048);
  const simdTrain = kernelGflops(matmulNT, shapesTrain);
  const jsTrain = kernelGflops(matmulNTScalar, shapesTrain);
  const blasTrain = await blasGflops(shapesTrain);
  // End to end as AERO uses it: one request, n = 16 samples, solver prompt, temperature 1.
  const prompt = ck.tokenizer.encode('Solve 23+45*2-7\n');
  const e2e: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const t0 = now();
    const [s] = await generate(dec, ck.tokenizer, [{ prompt, n: 16, temperature: 1, topP: 1, maxTokens: 64, stop: [], seed: r }], 1 << 30);
    e2e.push(s.reduce((a, x) => a + x.tokens, 0) / (now() - t0));
  }
  const train = await trainingRate(ck.cfg, ck.params, 2);
  const f = (x: number, d = 1): string => x.toFixed(d);
  const rows: [string, string, string][] = [
    ['decode, batch 1 (KV cache, 128 positions)', `${f(d1.tokPerS, 0)} tok/s`, `${f(d1.gflops, 2)} GFLOP/s`],
    ['decode, batch 16 (KV cache, 128 positions)', `${f(d16.tokPerS, 0)} tok/s`, `${f(d16.gflops, 2)} GFLOP/s`],
    ['generate n=16 end to end (prefill+fork+sample)', `${f(median(e2e), 0)} tok/s`, ''],
    ['pretrain step fwd+bwd, 2 workers', `${f(train.pretrainExPerS)} ex/s`, `${f(train.tokPerS, 0)} tok/s, ${f(train.gflops, 2)} GFLOP/s`],
    ['KTO step (4 fwd + 1 bwd), 2 workers', `${f(train.ktoExPerS)} ex/s`, ''],
    ['matmul, decode shapes (16 rows): engine wasm SIMD kernel, 1 thread', '', `${f(simd16, 2)} GFLOP/s`],
    ['  same shapes: plain JavaScript kernel (baseline), 1 thread', '', `${f(js16, 2)} GFLOP/s`],
    ['  same shapes: numpy/OpenBLAS, 2 threads', '', `${f(blas16, 2)} GFLOP/s`],
    ['matmul, training shapes (2048 rows): engine wasm SIMD kernel, 1 thread', '', `${f(simdTrain, 2)} GFLOP/s`],
    ['  same shapes: plain JavaScript kernel (baseline), 1 thread', '', `${f(jsTrain, 2)} GFLOP/s`],
    ['  same shapes: numpy/OpenBLAS, 2 threads', '', `${f(blasTrain, 2)} GFLOP/s`],
    ['decode batch 16 whole step (1 thread) vs BLAS (2 threads) on its shapes', '', `${f((100 * d16.gflops) / blas16, 0)} % (goal >= 30 %)`],
    ['pretrain step (2 workers) vs BLAS (2 threads) on training shapes', '', `${f((100 * train.gflops) / blasTrain, 0)} %`],
  ];
  console.log(`model ${modelDir}: d=${ck.cfg.dModel} L=${ck.cfg.nLayers} H=${ck.cfg.nHeads} ctx=${ck.cfg.contextLength} V=${ck.cfg.vocabSize}; medians of ${REPS} runs`);
  const w0 = Math.max(...rows.map((r) => r[0].length));
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(14)}  ${c}`);
}

main().catch((e: Error) => {
  console.error(`error: ${e.message}`);
  process.exitCode = 1;
});
