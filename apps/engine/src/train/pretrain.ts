import { appendFileSync } from 'node:fs';
// A relative import, not @aero/files: the trainer runs this CLI outside the repository (see main.ts).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { writingFile } from '../../../../libs/files/src/writing-file';
import os from 'node:os';
import path from 'node:path';
import { loadCheckpoint, saveCheckpoint } from '../checkpoint/checkpoint';
import { CorpusGenerator } from '../corpus/corpus-generator';
import { embeddedTemplates } from '../corpus/embedded-templates';
import { readBenchmark } from '../eval/benchmark';
import { evaluate, formatReport } from '../eval/evaluate';
import { Decoder } from '../model/decoder';
import { initParameters } from '../model/init-parameters';
import { ModelConfig, ModelConfigSchema, parameterLayout } from '../model/model-config';
import { CharTokenizer, defaultVocab } from '../tokenizer/char-tokenizer';
import { Rng } from '../util/rng';
import { AdamW, clipGradNorm, learningRateAt } from './adam-w';
import { ShardedModel, TrainDoc } from './sharded-model';

export interface PretrainOptions {
  out: string;
  seed: number;
  steps: number;
  tokensPerStep: number;
  /** Relative frequency of each taught level in solver examples. */
  levelWeights: number[];
  /** Relative frequency of each taught level in refiner examples. */
  refinerLevelWeights: number[];
  /** Share of refiner examples whose candidate has a slip. */
  refinerWrongShare: number;
  /** Relative share of solver, refiner, generator and judge examples. */
  roleMix: number[];
  /**
   * Each document starts at a random position in 0..positionShift (within the context), so that
   * what the model learns does not hang on absolute positions and carries over to longer problems.
   */
  positionShift: number;
  lr: number;
  warmupSteps: number;
  workers: number;
  model: Omit<ModelConfig, 'vocabSize'>;
  benchmark: string;
  evalEvery: number;
  evalLimit: number;
  overwrite: boolean;
  log?: string;
  /** Continue from this checkpoint's weights (its architecture wins over `model`). */
  initFrom?: string;
  /** The command line that ran this, recorded in the manifest so the checkpoint can be rebuilt. */
  command: string[];
}

/** Trains from scratch on the procedural corpus; the seed fixes corpus, init and work partition. */
export async function pretrain(o: PretrainOptions): Promise<void> {
  if (!(Number.isInteger(o.positionShift) && o.positionShift >= 0)) throw new Error(`position shift must be a non-negative integer; got ${o.positionShift}`);
  const init = o.initFrom ? loadCheckpoint(o.initFrom) : undefined;
  const vocab = init?.vocab ?? defaultVocab();
  const tok = new CharTokenizer(vocab);
  const cfg: ModelConfig = init?.cfg ?? { ...o.model, vocabSize: vocab.length };
  const valid = ModelConfigSchema.safeParse(cfg);
  if (!valid.success) throw new Error(`model: ${valid.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  const templates = embeddedTemplates();
  const bench = readBenchmark(o.benchmark);
  const corpus = new CorpusGenerator(o.seed, templates, new Set(bench.map((b) => b.question)), { levelWeights: o.levelWeights, refinerLevelWeights: o.refinerLevelWeights, refinerWrongShare: o.refinerWrongShare, roleMix: o.roleMix });
  const shifts = new Rng(o.seed + 1);
  const { tensors, total } = parameterLayout(cfg);
  const decay = new Uint8Array(total);
  for (const t of tensors) if (t.shape.length === 2) decay.fill(1, t.offset, t.offset + t.size);
  const model = new ShardedModel(cfg, init?.params ?? initParameters(cfg, o.seed), null, o.workers);
  const adam = new AdamW(model.policy, decay);
  const evalItems = bench.filter((_, i) => i % Math.max(1, Math.floor(bench.length / o.evalLimit)) === 0).slice(0, o.evalLimit);
  const logLines: string[] = [];
  const logFile = o.log;
  const say = (obj: Record<string, unknown>): void => {
    const line = JSON.stringify(obj);
    console.log(line);
    logLines.push(line);
    if (logFile) writingFile(logFile, () => appendFileSync(logFile, line + '\n'));
  };
  const { command, ...options } = o;
  const t0 = Date.now();
  // CPU time of all threads: on a shared machine the wall time overstates what 2 idle cores need.
  const cpu0 = process.cpuUsage();
  const load0 = os.loadavg()[0];
  let tokensSeen = 0;
  const evals: { step: number; greedy: number; levels: number[] }[] = [];
  const runEval = async (step: number): Promise<void> => {
    const r = await evaluate(new Decoder(cfg, model.policy), tok, templates.solver, evalItems, { k: 0, seed: o.seed });
    const levels = r.levels.map((l) => l.greedy);
    evals.push({ step, greedy: r.overall.greedy, levels });
    say({ event: 'eval', step, greedy: r.overall.greedy, levels, elapsed_s: (Date.now() - t0) / 1000 });
  };
  try {
    // Inside the try: a log that cannot be written must still stop the model's threads.
    say({ event: 'pretrain_start', params: total, cfg, ...options });
    for (let step = 0; step < o.steps; step++) {
      const docs: TrainDoc[] = [];
      let n = 0;
      while (n < o.tokensPerStep) {
        const ex = corpus.next();
        const prompt = tok.encode(ex.prompt);
        const tokens = [...prompt, ...tok.encode(ex.completion), tok.eos];
        if (tokens.length > cfg.contextLength) continue;
        docs.push({ tokens, lossFrom: prompt.length, posOffset: shifts.int(0, Math.min(o.positionShift, cfg.contextLength - tokens.length)) });
        n += tokens.length - 1;
      }
      const { logp, count } = await model.forward(docs, 'policy');
      const scored = count.reduce((a, b) => a + b, 0);
      const loss = -logp.reduce((a, b) => a + b, 0) / scored;
      const grads = await model.backward(new Float64Array(docs.length).fill(-1 / scored));
      const norm = clipGradNorm(grads, 1);
      const lr = learningRateAt(step, o.steps, o.lr, o.warmupSteps, 'cosine', 0.1);
      await model.optimizerStep(adam, grads, lr);
      tokensSeen += n;
      if (step % 10 === 0 || step === o.steps - 1) {
        const elapsed = (Date.now() - t0) / 1000;
        say({ event: 'step', step, loss: +loss.toFixed(4), lr: +lr.toExponential(3), grad_norm: +norm.toFixed(3), tokens: tokensSeen, tok_per_s: Math.round(tokensSeen / elapsed), elapsed_s: +elapsed.toFixed(1) });
      }
      if (o.evalEvery > 0 && step > 0 && step % o.evalEvery === 0) await runEval(step);
    }
    const trainSeconds = (Date.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const trainCpuSeconds = (cpu.user + cpu.system) / 1e6;
    const full = await evaluate(new Decoder(cfg, model.policy), tok, templates.solver, bench, { k: 0, seed: o.seed });
    const seconds = (Date.now() - t0) / 1000;
    say({ event: 'pretrain_done', out: o.out, train_seconds: trainSeconds, seconds, greedy: full.overall.greedy });
    const provenance = {
      kind: 'pretrain', init_from: init && o.initFrom ? { dir: path.relative(process.cwd(), o.initFrom), provenance: init.provenance } : null, seed: o.seed, steps: o.steps, tokens_per_step: o.tokensPerStep, level_weights: o.levelWeights, refiner_level_weights: o.refinerLevelWeights, refiner_wrong_share: o.refinerWrongShare, role_mix: o.roleMix, position_shift: o.positionShift, lr: o.lr, warmup_steps: o.warmupSteps,
      workers: o.workers, tokens_seen: tokensSeen, seconds: Math.round(seconds),
    };
    saveCheckpoint(o.out, { cfg, vocab, params: Float32Array.from(model.policy), provenance }, o.overwrite, (weightsSha256) => ({
      'manifest.json': JSON.stringify({
        command: ['node', '--import', 'tsx', 'apps/engine/src/main.ts', ...command].join(' '),
        seed: o.seed, steps: o.steps, tokens_seen: tokensSeen, parameters: total, architecture: cfg,
        wall_seconds: { training_with_periodic_evals: round1(trainSeconds), total_with_final_eval: round1(seconds) },
        cpu_seconds_training: round1(trainCpuSeconds),
        machine: {
          cpus_available: os.availableParallelism(), cpu_model: os.cpus()[0]?.model ?? 'unknown', node: process.version, workers: o.workers,
          load_average_1m: { start: load0, end: os.loadavg()[0] },
        },
        weights_sha256: weightsSha256,
        benchmark: { file: path.basename(o.benchmark), greedy_pass_at_1: full.overall.greedy, levels: full.levels.map((l) => ({ level: l.level, problems: l.problems, greedy: l.greedy })) },
        eval_during_training: evals,
      }, null, 2) + '\n',
      'pretrain_log.jsonl': logLines.join('\n') + '\n',
    }));
    console.log(formatReport(full));
  } finally {
    await model.close();
  }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
