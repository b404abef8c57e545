import * as fs from 'node:fs';
import path from 'node:path';
// Relative imports, not @aero/files: the trainer runs this CLI outside the repository (see main.ts).
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { FileSystem } from '../../../../libs/files/src/file-system';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { writeFileAtomic } from '../../../../libs/files/src/write-file-atomic';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { writingFile } from '../../../../libs/files/src/writing-file';
import { Checkpoint, loadCheckpoint, saveCheckpoint } from '../checkpoint/checkpoint';
import { parameterLayout } from '../model/model-config';
import { CharTokenizer } from '../tokenizer/char-tokenizer';
import { Rng } from '../util/rng';
import { AdamW, learningRateAt } from './adam-w';
import { KtoConfig } from './kto-config';
import { loadKtoDataset } from './kto-dataset';
import { ktoStep } from './kto-step';
import { LoraAdapter } from './lora-adapter';
import { additionalModules, loraModules } from './lora-modules';
import { FullUpdate, PolicyUpdate } from './policy-update';
import { ShardedModel, TrainDoc } from './sharded-model';

export interface KtoResult {
  train_loss: number;
  train_runtime: number;
  train_samples_per_second: number;
  train_steps_per_second: number;
  epoch: number;
  total_steps: number;
}

/**
 * KTO against a frozen copy of the starting model, on every parameter or on a LoRA adapter
 * (`finetuning_type`); the checkpoint holds the merged weights, as LLaMA-Factory's export does.
 * Everything that can be wrong (model, dataset, output directory) is checked before anything is
 * written. A write that fails (a full disk) throws a FileWriteError naming the file ("disk full:
 * <path>"); the output directory then has no all_results.json, the mark of a finished one.
 */
export async function trainKto(cfg: KtoConfig, opts: { workers: number; log?: (line: string) => void; files?: FileSystem }): Promise<KtoResult> {
  const files = opts.files ?? fs;
  const say = opts.log ?? ((line: string) => console.error(line));
  const base = loadCheckpoint(cfg.model_name_or_path);
  const examples = loadKtoDataset(cfg.dataset_dir, cfg.dataset);
  const out = cfg.output_dir;
  if (fs.existsSync(out) && !cfg.overwrite_output_dir) throw new Error(`output_dir already exists: ${out} (set overwrite_output_dir: true to replace it)`);
  if (path.resolve(out) === path.resolve(cfg.model_name_or_path)) throw new Error(`output_dir must differ from model_name_or_path: ${out}`);
  const tok = base.tokenizer;
  const cutoff = Math.min(cfg.cutoff_len, base.cfg.contextLength);
  const encoded = examples.map((e) => encodeExample(tok, e.prompt, e.completion, cutoff));
  const perStep = cfg.per_device_train_batch_size * cfg.gradient_accumulation_steps;
  const stepsPerEpoch = Math.ceil(examples.length / perStep);
  const totalSteps = Math.max(1, Math.ceil(stepsPerEpoch * cfg.num_train_epochs));
  const warmup = Math.ceil(totalSteps * cfg.warmup_ratio);
  for (const k of cfg.ignored) say(JSON.stringify({ event: 'ignored_key', key: k, reason: 'fp32 CPU training; see apps/engine/README.md' }));

  if (fs.existsSync(out)) fs.rmSync(out, { recursive: true, force: true });
  const logFile = path.join(out, 'trainer_log.jsonl');
  const log = writingFile(logFile, () => {
    files.mkdirSync(out, { recursive: true });
    return files.openSync(logFile, 'w');
  });

  const { tensors, total } = parameterLayout(base.cfg);
  const decay = new Uint8Array(total);
  for (const t of tensors) if (t.shape.length === 2) decay.fill(1, t.offset, t.offset + t.size);
  const model = new ShardedModel(base.cfg, base.params, base.params, opts.workers);
  const rng = new Rng(cfg.seed);
  const t0 = Date.now();
  let lossSum = 0;
  let lossCount = 0;
  let windowLoss = 0;
  let windowCount = 0;
  let order: number[] = [];
  const referenceLogp = new Float64Array(examples.length);
  try {
    // Inside the try: the model's worker threads are closed whatever fails, or a standby process would live on.
    const update: PolicyUpdate = cfg.finetuning_type === 'lora'
      ? new LoraAdapter(base.cfg, base.params, model.policy, { rank: cfg.lora_rank, alpha: cfg.lora_alpha ?? 2 * cfg.lora_rank, modules: loraModules(cfg.lora_target), additional: additionalModules(cfg.additional_target) }, rng.fork(1))
      : new FullUpdate(model, new AdamW(model.policy, decay, 0.9, 0.999, 1e-8, 0));
    for (let step = 0; step < totalSteps; step++) {
      const epochIndex = Math.floor(step / stepsPerEpoch);
      if (step % stepsPerEpoch === 0) order = shuffled(examples.length, rng);
      const within = step % stepsPerEpoch;
      const idx = order.slice(within * perStep, (within + 1) * perStep);
      const docs: TrainDoc[] = idx.map((i) => encoded[i]);
      // Mismatched pairs for the KL reference point: each prompt with the next example's completion.
      const klDocs: TrainDoc[] = idx.map((i, k) => {
        const j = idx[(k + 1) % idx.length];
        return encodeExample(tok, examples[i].prompt, examples[idx.length > 1 ? j : i].completion, cutoff);
      });
      const lr = learningRateAt(step, totalSteps, cfg.learning_rate, warmup, cfg.lr_scheduler_type);
      // After the first epoch every example's reference log-probability is known: the reference is
      // frozen, so it is computed once per job (as TRL's precompute_ref_log_probs), not once per epoch.
      const known = epochIndex > 0 ? Float64Array.from(idx, (i) => referenceLogp[i]) : undefined;
      const l = await ktoStep(model, update, docs, klDocs, idx.map((i) => examples[i].desirable), { ...cfg, lr }, known);
      idx.forEach((i, k) => (referenceLogp[i] = l.referenceLogp[k]));
      lossSum += l.loss;
      lossCount++;
      windowLoss += l.loss;
      windowCount++;
      const current = step + 1;
      if (current % cfg.logging_steps === 0 || current === totalSteps) {
        const elapsed = (Date.now() - t0) / 1000;
        const line = {
          current_steps: current, total_steps: totalSteps, loss: round(windowLoss / windowCount), lr,
          epoch: round(epochIndex + (within + 1) / stepsPerEpoch, 2), percentage: round((100 * current) / totalSteps, 2),
          elapsed_time: hms(elapsed), remaining_time: hms((elapsed / current) * (totalSteps - current)),
          // Beyond LLaMA-Factory's keys, so that the trainer's progress (and the run's journal) carries them.
          kl: round(l.kl), rewards_chosen: round(l.chosenReward), rewards_rejected: round(l.rejectedReward),
        };
        writingFile(logFile, () => files.writeSync(log, JSON.stringify(line) + '\n'));
        say(JSON.stringify({ event: 'kto_step', ...line }));
        windowLoss = 0;
        windowCount = 0;
      }
    }
    const runtime = (Date.now() - t0) / 1000;
    const result: KtoResult = {
      train_loss: round(lossSum / lossCount), train_runtime: round(runtime, 3),
      train_samples_per_second: round((totalSteps * perStep) / runtime, 3), train_steps_per_second: round(totalSteps / runtime, 3),
      epoch: round(totalSteps / stepsPerEpoch, 2), total_steps: totalSteps,
    };
    const ckpt: Checkpoint = {
      cfg: base.cfg, vocab: base.vocab, params: Float32Array.from(model.policy),
      provenance: { kind: 'kto', base: cfg.model_name_or_path, base_provenance: base.provenance, dataset: cfg.dataset, examples: examples.length, pref_beta: cfg.pref_beta, learning_rate: cfg.learning_rate, steps: totalSteps, seed: cfg.seed },
    };
    // The checkpoint is built beside the log and moved in file by file; all_results.json comes last
    // and marks the directory complete.
    const staging = path.join(out, `.staging-${process.pid}`);
    saveCheckpoint(staging, ckpt, false, undefined, files);
    for (const f of fs.readdirSync(staging)) files.renameSync(path.join(staging, f), path.join(out, f));
    files.rmSync(staging, { recursive: true, force: true });
    writeFileAtomic(path.join(out, 'all_results.json'), JSON.stringify(result, null, 2) + '\n', files);
    return result;
  } finally {
    files.closeSync(log);
    await model.close();
  }
}


function encodeExample(tok: CharTokenizer, prompt: string, completion: string, cutoff: number): TrainDoc {
  let p = tok.encode(prompt);
  let c = [...tok.encode(completion), tok.eos];
  // Like LLaMA-Factory, keep the prompt's tail and the completion's head when the pair is too long.
  if (p.length + c.length > cutoff) {
    const keepPrompt = Math.min(p.length, Math.max(1, cutoff - c.length, Math.floor(cutoff / 2)));
    p = p.slice(p.length - keepPrompt);
    c = c.slice(0, cutoff - p.length);
  }
  return { tokens: [...p, ...c], lossFrom: p.length };
}

function shuffled(n: number, rng: Rng): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

function round(x: number, digits = 4): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}

function hms(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

