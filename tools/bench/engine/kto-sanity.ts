/**
 * Sanity check of the trainer with an oracle: can KTO move the model at all? Samples the model's own
 * solutions to fresh training problems from the domain generator (never benchmark questions),
 * labels them by ground truth (correct = desirable, wrong = undesirable), writes the KTO dataset
 * and a LLaMA-Factory YAML the way the AERO trainer does, runs the engine's `train` command on it,
 * and compares benchmark accuracy before and after with the engine's `eval` command. By default only
 * problems whose samples disagree (some right, some wrong) are kept, as AERO keeps the problems in
 * the model's zone of proximal development: there a right and a wrong solution of the same problem
 * differ just where the mistake is. --all-problems keeps every problem. The kept training problems
 * are scored too, before and after: they show whether the trainer moved the model where it was
 * taught, whatever the held-out benchmark says about generalisation.
 *
 * Defaults: beta 1, desirable weight at 4/3 of balance, lr 5e-5.
 *
 * Usage: node --import tsx tools/bench/engine/kto-sanity.ts [MODEL_DIR]
 *   [--problems N=2000] [--samples K=8] [--limit PER_LEVEL=100] [--eval-k K=4] [--lr X=5e-5]
 *   [--epochs E=2] [--beta B=1] [--ftx F=0] [--seed S=123] [--out DIR] [--all-problems]
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { loadCheckpoint } from '../../../apps/engine/src/checkpoint/checkpoint';
import { embeddedTemplates, renderPrompt } from '../../../apps/engine/src/corpus/embedded-templates';
import { isCorrectSolution } from '../../../apps/engine/src/domain/check-answer';
import { generateProblem, LEVELS, Problem } from '../../../apps/engine/src/domain/generate-problem';
import { DEFAULT_BENCHMARK, readBenchmark } from '../../../apps/engine/src/eval/benchmark';
import { evaluate, EvalReport } from '../../../apps/engine/src/eval/evaluate';
import { Decoder } from '../../../apps/engine/src/model/decoder';
import { generate } from '../../../apps/engine/src/sample/generate';
import { Rng } from '../../../apps/engine/src/util/rng';

const ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(ROOT, 'apps/engine/src/main.ts');
const MAX_TOKENS = 104;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    problems: { type: 'string', default: '2000' },
    samples: { type: 'string', default: '8' },
    limit: { type: 'string', default: '100' },
    'eval-k': { type: 'string', default: '4' },
    lr: { type: 'string', default: '5e-5' },
    epochs: { type: 'string', default: '2' },
    beta: { type: 'string', default: '1' },
    ftx: { type: 'string', default: '0' },
    seed: { type: 'string', default: '123' },
    'all-problems': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});

interface KtoRecord {
  messages: { role: 'user' | 'assistant'; content: string }[];
  label: boolean;
}

/** Runs one engine command as a child process (no shell), its stderr passed through as progress. */
async function engine(args: string[]): Promise<string> {
  // execa is ESM-only: under `node --import tsx` this CommonJS module loads it with import().
  const { execa } = await import('execa');
  const r = await execa(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: ROOT, stderr: 'inherit' });
  return r.stdout;
}

async function evaluateCheckpoint(modelDir: string, file: string): Promise<EvalReport> {
  await engine(['eval', modelDir, '--limit', values.limit, '--k', values['eval-k'], '--json', file]);
  return JSON.parse(readFileSync(file, 'utf8')) as EvalReport;
}

/** Fresh problems, uniformly over the levels, none of them a benchmark question. */
function trainingProblems(n: number, seed: number): Problem[] {
  const held = new Set(readBenchmark(DEFAULT_BENCHMARK).map((b) => b.question));
  const rng = new Rng(seed);
  const out: Problem[] = [];
  while (out.length < n) {
    const p = generateProblem(rng, rng.pick(LEVELS));
    if (!held.has(p.question)) out.push(p);
  }
  return out;
}

/**
 * The model's own k samples per problem at temperature 1, distinct texts only, labelled by ground
 * truth; returned with the problems they came from.
 */
async function labelledSamples(modelDir: string, problems: Problem[], k: number, seed: number): Promise<{ records: KtoRecord[]; kept: Problem[] }> {
  const ck = loadCheckpoint(modelDir);
  const dec = new Decoder(ck.cfg, ck.params);
  const solver = embeddedTemplates().solver;
  const records: KtoRecord[] = [];
  const kept: Problem[] = [];
  const perBatch = Math.max(1, Math.floor(64 / k));
  for (let i = 0; i < problems.length; i += perBatch) {
    const chunk = problems.slice(i, i + perBatch);
    const prompts = chunk.map((p) => renderPrompt(solver, { question: p.question }));
    const out = await generate(dec, ck.tokenizer, prompts.map((p, j) => ({ prompt: ck.tokenizer.encode(p), n: k, temperature: 1, topP: 1, maxTokens: MAX_TOKENS, stop: [], seed: seed + i + j })));
    out.forEach((samples, j) => {
      const labelled = [...new Set(samples.map((s) => s.text))].map((text) => ({ text, label: isCorrectSolution(text, chunk[j].answer) }));
      const mixed = labelled.some((x) => x.label) && labelled.some((x) => !x.label);
      if (!mixed && !values['all-problems']) return;
      kept.push(chunk[j]);
      for (const { text, label } of labelled) records.push({ messages: [{ role: 'user', content: prompts[j] }, { role: 'assistant', content: text }], label });
    });
  }
  return { records, kept };
}

/** Greedy and mean@k accuracy of a checkpoint on the training problems themselves. */
async function scoreOnTrainingProblems(modelDir: string, problems: Problem[]): Promise<EvalReport> {
  const ck = loadCheckpoint(modelDir);
  const items = problems.map((p, i) => ({ id: `train-${i}`, question: p.question, answer: String(p.answer), level: p.level }));
  return evaluate(new Decoder(ck.cfg, ck.params), ck.tokenizer, embeddedTemplates().solver, items, { k: Number(values['eval-k']), seed: 7 });
}

function writeRun(dir: string, modelDir: string, records: KtoRecord[], seed: number): { config: string; outputDir: string; weights: [number, number] } {
  const dataDir = path.join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, 'kto_sanity.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  writeFileSync(path.join(dataDir, 'dataset_info.json'), JSON.stringify({
    kto_sanity: {
      file_name: 'kto_sanity.jsonl', formatting: 'sharegpt', columns: { messages: 'messages', kto_tag: 'label' },
      tags: { role_tag: 'role', content_tag: 'content', user_tag: 'user', assistant_tag: 'assistant' },
    },
  }, null, 2));
  // w_D·n_D / (w_U·n_U) = 4/3, the upper end of the range the KTO paper advises ([1, 4/3]).
  const nD = Math.max(1, records.filter((r) => r.label).length);
  const nU = Math.max(1, records.length - nD);
  const weights: [number, number] = 4 * nU >= 3 * nD ? [(4 * nU) / (3 * nD), 1] : [1, (3 * nD) / (4 * nU)];
  const outputDir = path.join(dir, 'out');
  const config = path.join(dir, 'kto.yaml');
  writeFileSync(config, YAML.stringify({
    stage: 'kto', do_train: true, model_name_or_path: modelDir, finetuning_type: 'full', template: 'empty',
    dataset: 'kto_sanity', dataset_dir: dataDir, output_dir: outputDir, overwrite_output_dir: true,
    pref_beta: Number(values.beta), pref_ftx: Number(values.ftx), learning_rate: Number(values.lr), num_train_epochs: Number(values.epochs),
    per_device_train_batch_size: 16, gradient_accumulation_steps: 2, lr_scheduler_type: 'cosine', warmup_ratio: 0.1,
    kto_chosen_weight: round(weights[0]), kto_rejected_weight: round(weights[1]), cutoff_len: 256, seed, logging_steps: 5,
  }));
  return { config, outputDir, weights };
}

/** A markdown table of greedy and mean@k accuracy per level, before and after. */
function comparison(before: EvalReport, after: EvalReport): string {
  const k = before.k;
  const head = ['level', 'problems', 'greedy before', 'greedy after', 'change', ...(k > 0 ? [`mean@${k} before`, `mean@${k} after`, 'change'] : [])];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---|').join('')}`];
  const rows = [...before.levels.map((l, i) => ({ name: String(l.level), b: l, a: after.levels[i] })), { name: 'all', b: before.overall, a: after.overall }];
  const change = (b: number, a: number): string => `${((a - b) * 100).toFixed(1)} pt`;
  for (const { name, b, a } of rows) {
    const cells = [name, b.problems, pct(b.greedy), pct(a.greedy), change(b.greedy, a.greedy), ...(k > 0 ? [pct(b.meanK), pct(a.meanK), change(b.meanK, a.meanK)] : [])];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

async function main(): Promise<void> {
  const modelDir = path.resolve(positionals[0] ?? path.join(ROOT, 'apps/engine/models/base'));
  const seed = Number(values.seed);
  const k = Number(values.samples);
  const dir = path.resolve(values.out ?? mkdtempSync(path.join(os.tmpdir(), 'kto-sanity-')));
  mkdirSync(dir, { recursive: true });

  const t0 = Date.now();
  const problems = trainingProblems(Number(values.problems), seed);
  const { records, kept } = await labelledSamples(modelDir, problems, k, seed);
  const sampleSeconds = (Date.now() - t0) / 1000;
  const run = writeRun(dir, modelDir, records, seed);
  const desirable = records.filter((r) => r.label).length;
  const which = values['all-problems'] ? 'all problems' : 'problems with right and wrong samples only';
  console.log(`dataset (${which}): ${records.length} distinct samples of ${kept.length} of ${problems.length} problems x ${k} (${desirable} desirable, ${records.length - desirable} undesirable) in ${sampleSeconds.toFixed(0)} s; weights ${run.weights.map(round).join(' / ')}; run dir ${dir}`);

  const t1 = Date.now();
  await engine(['train', run.config]);
  const trainSeconds = (Date.now() - t1) / 1000;

  const before = await evaluateCheckpoint(modelDir, path.join(dir, 'eval-before.json'));
  const after = await evaluateCheckpoint(run.outputDir, path.join(dir, 'eval-after.json'));
  const trainBefore = await scoreOnTrainingProblems(modelDir, kept);
  const trainAfter = await scoreOnTrainingProblems(run.outputDir, kept);
  console.log(`\nKTO on ground-truth labels, ${values.epochs} epochs at lr ${values.lr}, beta ${values.beta}, pref_ftx ${values.ftx}: training ${trainSeconds.toFixed(0)} s.`);
  console.log(`\nHeld-out benchmark, first ${values.limit} problems per level:\n`);
  console.log(comparison(before, after));
  console.log(`\nThe ${kept.length} training problems themselves:\n`);
  console.log(comparison(trainBefore, trainAfter));
  writeFileSync(path.join(dir, 'summary.json'), JSON.stringify({
    model: modelDir, problems: problems.length, samples: k, records: records.length, desirable, weights: run.weights,
    lr: Number(values.lr), epochs: Number(values.epochs), beta: Number(values.beta), ftx: Number(values.ftx), train_seconds: trainSeconds,
    before: before.overall, after: after.overall, training_problems: { before: trainBefore.overall, after: trainAfter.overall },
  }, null, 2) + '\n');
}

main().catch((e: Error) => {
  console.error(`error: ${e.message}`);
  process.exitCode = 1;
});
