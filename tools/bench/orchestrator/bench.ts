/**
 * Orchestrator benchmark: how close the inner loop comes to its floor (the tokens it must generate
 * divided by the engine's saturated throughput), at several inner-loop concurrencies, with
 * concurrency 1 (one question at a time, the original's loop) as the baseline, all in one run on the
 * same services and engine.
 *
 * Usage: node --import tsx tools/bench/orchestrator/bench.ts [--questions 16] [--n 8] [--concurrency 1,4,8] [--model DIR]
 *
 * The five services run as processes (local-mode code), the orchestrator is a separate process in
 * remote mode, and each concurrency level is one real AERO round (rounds = 1) started with StartRun.
 * The inner loop's wall time is read from the run's journal (start of the synthesizing phase to the
 * last recorded question); what it generated from the question records (solver samples and ICC
 * refinements). The embedded engine reports no per-sample token counts, and its tokenizer is
 * character-level, so generated text is counted in characters, for the inner loop and for the
 * saturated throughput alike (synth.Solve with n = 64, the inner loop's own path, just before).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { Phase, QuestionRecord, RunEvent, SynthServiceClient } from '@aero/contracts';
import { connect, unaryCall } from '@aero/service-kit';
import { startRemoteStack } from '../shared/remote-stack';
import { runToEnd } from '../shared/run-to-end';

const ROOT = path.resolve(__dirname, '../../..');
const { values } = parseArgs({
  options: {
    questions: { type: 'string', default: '32' },
    n: { type: 'string', default: '8' },
    concurrency: { type: 'string', default: '1,4,8' },
    model: { type: 'string', default: path.join(ROOT, 'apps/engine/models/base') },
  },
});
const questions = Number(values.questions);
const n = Number(values.n);
const levels = values.concurrency.split(',').map(Number);
const model = path.resolve(values.model);
const context = (JSON.parse(fs.readFileSync(path.join(model, 'config.json'), 'utf8')) as { architecture: { contextLength: number } }).architecture.contextLength;
const answer = Math.floor(context / 3);
const SATURATION_N = 64;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-orchestrator-'));
  const runsDir = path.join(work, 'runs');
  const configFile = path.join(work, 'config.yaml');
  fs.writeFileSync(
    configFile,
    stringify({
      aero: { rounds: 1, questions_per_round: questions, sampling_n: n, seed: 7, max_tokens: { generator: 2 * answer, solver: answer, refiner: answer, judge: 16 } },
      runs_dir: runsDir,
      prompts: { dir: path.join(ROOT, 'libs/prompts/templates') },
      engine: { model, max_model_len: context },
      training: { kto: { num_train_epochs: 1, cutoff_len: context, per_device_train_batch_size: 8, gradient_accumulation_steps: 1 } },
      evaluation: { benchmarks: [{ name: 'arithmetic', path: path.join(ROOT, 'apps/engine/data/benchmark.jsonl') }], limit: 1, max_tokens: answer },
      services: { metrics_port: -1 },
      logging: { level: 'warn' },
    }),
  );
  const stack = await startRemoteStack({ configFile, runsDir, metricsPort: -1 });
  const synth = connect(SynthServiceClient, stack.addresses.synth);
  try {
    const rates: number[] = [];
    for (let rep = 0; rep < 3; rep++) {
      const started = performance.now();
      const solved = await unaryCall(synth.solve.bind(synth), { question: '(12+3)*4-5', n: SATURATION_N, temperature: 1, max_tokens: answer, seed: rep });
      rates.push(solved.samples.reduce((sum, s) => sum + s.text.length, 0) / ((performance.now() - started) / 1000));
    }
    const saturated = median(rates);

    const rows: string[][] = [];
    let baseline = 0;
    for (const concurrency of levels) {
      const name = `c${concurrency}`;
      const events = await runToEnd(stack.orchestrator, name, { 'aero.concurrency': String(concurrency) });
      const { wall, tokens, requests, refused } = innerLoop(events, path.join(runsDir, name));
      if (concurrency === levels[0]) baseline = wall;
      const floor = tokens / saturated;
      rows.push([
        String(concurrency), String(questions - refused), String(requests), String(tokens), wall.toFixed(1),
        (tokens / wall).toFixed(0), floor.toFixed(1), `${((floor / wall) * 100).toFixed(0)}%`, `${(baseline / wall).toFixed(2)}×`,
      ]);
    }
    console.log(`\nInner loop of one AERO round: ${questions} questions × n = ${n}, model ${path.relative(ROOT, model)} (context ${context}), ${os.cpus().length} CPUs`);
    console.log(`engine saturated throughput (synth.Solve, n = ${SATURATION_N}, median of 3): ${saturated.toFixed(0)} tokens/s (tokens = generated characters)\n`);
    table(['concurrency', 'questions', 'engine requests', 'tokens', 'wall s', 'tokens/s', 'floor s', 'floor/wall', `speed-up vs ${levels[0]}`], rows);
  } finally {
    synth.close();
    await stack.stop();
  }
}

/** Wall time of the synthesizing phase and what it generated, from a finished run's events and folder. */
function innerLoop(events: readonly RunEvent[], runDir: string): { wall: number; tokens: number; requests: number; refused: number } {
  const start = events.find((e) => e.event?.$case === 'phase_changed' && e.event.value.phase === Phase.PHASE_SYNTHESIZING);
  const recorded = events.filter((e) => e.event?.$case === 'question_recorded');
  if (!start || recorded.length === 0) throw new Error(`${runDir}: the run has no inner loop in its journal`);
  const wall = (Date.parse(recorded[recorded.length - 1].time) - Date.parse(start.time)) / 1000;
  const dir = path.join(runDir, 'rounds/1/questions');
  let tokens = 0;
  let requests = 0;
  let refused = 0;
  for (const file of fs.readdirSync(dir)) {
    const record = QuestionRecord.fromJSON(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    if (record.rejected_reason) refused++;
    const refinements = record.verification?.refinements ?? [];
    tokens += record.samples.reduce((sum, s) => sum + s.text.length, 0) + refinements.reduce((sum, r) => sum + (r.result?.text.length ?? 0), 0);
    requests += (record.samples.length ? 1 : 0) + refinements.length;
  }
  return { wall, tokens, requests, refused };
}

function table(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  rows.forEach((r) => console.log(line(r)));
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
