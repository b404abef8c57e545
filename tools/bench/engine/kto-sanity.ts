/**
 * Sanity check of the outer loop with an oracle: sample the model's own solutions, label them by
 * ground truth (correct = desirable, wrong = undesirable), run KTO through the `train` config path,
 * and compare benchmark accuracy before and after.
 * Usage: node --import tsx tools/bench/engine/kto-sanity.ts [MODEL_DIR] [--questions N] [--lr X] [--epochs E]
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { loadCheckpoint } from '../../../apps/engine/src/checkpoint/checkpoint';
import { embeddedTemplates, renderPrompt } from '../../../apps/engine/src/corpus/embedded-templates';
import { isCorrectSolution } from '../../../apps/engine/src/domain/check-answer';
import { generateProblem, LEVELS, Problem } from '../../../apps/engine/src/domain/generate-problem';
import { DEFAULT_BENCHMARK, readBenchmark } from '../../../apps/engine/src/eval/benchmark';
import { evaluate, formatReport } from '../../../apps/engine/src/eval/evaluate';
import { Decoder } from '../../../apps/engine/src/model/decoder';
import { generate } from '../../../apps/engine/src/sample/generate';
import { readKtoConfig } from '../../../apps/engine/src/train/kto-config';
import { trainKto } from '../../../apps/engine/src/train/kto-trainer';
import { Rng } from '../../../apps/engine/src/util/rng';
import { intOption, numberOption, parseArgs } from '../../../apps/engine/src/util/parse-args';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['questions', 'lr', 'epochs', 'samples', 'seed']);
  const modelDir = path.resolve(args.positional[0] ?? path.join(__dirname, '../../../apps/engine/models/base'));
  const questions = intOption(args, 'questions', 200);
  const samples = intOption(args, 'samples', 8);
  const seed = intOption(args, 'seed', 123);
  const base = loadCheckpoint(modelDir);
  const templates = embeddedTemplates();
  const bench = readBenchmark(DEFAULT_BENCHMARK);
  const held = new Set(bench.map((b) => b.question));
  const rng = new Rng(seed);
  const problems: Problem[] = [];
  while (problems.length < questions) {
    const p = generateProblem(rng, rng.pick(LEVELS));
    if (!held.has(p.question)) problems.push(p);
  }
  const t0 = Date.now();
  const prompts = problems.map((p) => renderPrompt(templates.solver, { question: p.question }));
  const records: { messages: { role: string; content: string }[]; label: boolean }[] = [];
  const dec = new Decoder(base.cfg, base.params);
  for (let i = 0; i < problems.length; i += 8) {
    const out = await generate(dec, base.tokenizer, prompts.slice(i, i + 8).map((p, j) => ({ prompt: base.tokenizer.encode(p), n: samples, temperature: 1, topP: 1, maxTokens: 96, stop: [], seed: seed + i + j })));
    out.forEach((ss, j) => {
      const p = problems[i + j];
      const seen = new Set<string>();
      for (const s of ss) {
        if (seen.has(s.text)) continue;
        seen.add(s.text);
        records.push({ messages: [{ role: 'user', content: prompts[i + j] }, { role: 'assistant', content: s.text }], label: isCorrectSolution(s.text, p.answer) });
      }
    });
  }
  const sampleSeconds = (Date.now() - t0) / 1000;
  const positives = records.filter((r) => r.label).length;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kto-sanity-'));
  const dataDir = path.join(dir, 'data');
  mkdirSync(dataDir);
  writeFileSync(path.join(dataDir, 'train.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  writeFileSync(path.join(dataDir, 'dataset_info.json'), JSON.stringify({ sanity: { file_name: 'train.jsonl', formatting: 'sharegpt', columns: { messages: 'messages', kto_tag: 'label' }, tags: { role_tag: 'role', content_tag: 'content', user_tag: 'user', assistant_tag: 'assistant' } } }));
  const config = path.join(dir, 'kto.yaml');
  writeFileSync(config, YAML.stringify({
    stage: 'kto', model_name_or_path: modelDir, dataset: 'sanity', dataset_dir: dataDir, output_dir: path.join(dir, 'out'),
    pref_beta: 0.1, learning_rate: numberOption(args, 'lr', 3e-4), num_train_epochs: numberOption(args, 'epochs', 2),
    per_device_train_batch_size: 16, gradient_accumulation_steps: 2, lr_scheduler_type: 'cosine', warmup_ratio: 0.1,
    cutoff_len: 256, seed, logging_steps: 5, kto_chosen_weight: 1, kto_rejected_weight: 1,
  }));
  const result = await trainKto(readKtoConfig(config), { workers: 2 });
  const after = loadCheckpoint(path.join(dir, 'out'));
  const r0 = await evaluate(new Decoder(base.cfg, base.params), base.tokenizer, templates.solver, bench, { k: 4, seed: 0 });
  const r1 = await evaluate(new Decoder(after.cfg, after.params), after.tokenizer, templates.solver, bench, { k: 4, seed: 0 });
  console.log(`KTO sanity check: ${records.length} examples (${positives} desirable, ${records.length - positives} undesirable) from ${questions} questions x ${samples} samples in ${sampleSeconds.toFixed(0)} s; training ${result.train_runtime.toFixed(0)} s (${result.train_samples_per_second.toFixed(1)} ex/s), run dir ${dir}`);
  console.log('before:\n' + formatReport(r0));
  console.log('after:\n' + formatReport(r1));
}

main().catch((e: Error) => {
  console.error(`error: ${e.message}`);
  process.exitCode = 1;
});
