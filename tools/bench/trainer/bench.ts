/**
 * Trainer benchmarks, each against a baseline measured in the same run (medians of several runs):
 *  1. BuildDataset at the original AERO size (5 rounds x 1000 questions) against two floors on the
 *     same bytes: plain I/O (read the round files, write the dataset) and the JSON work no reader can
 *     skip (decode and JSON.parse every line, JSON.stringify every record written, write);
 *  2. embedded training through the Train RPC (service process, YAML, process group, progress
 *     following, publishing) against running the engine's `train` CLI directly on the same config.
 * Usage: node --import tsx tools/bench/trainer/bench.ts [--runs N] [--questions M] [--skip-train]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';
import { BuildDatasetRequest, KtoExample, Role, TrainerServiceClient, TrainRequest } from '@aero/contracts';
import { connect, unaryCall } from '@aero/service-kit';
import { RunStore } from '../../../apps/trainer/src/adapters/run-store';
import { assembleDataset } from '../../../apps/trainer/src/domain/assemble-dataset';
import { collectTrain } from '../../../apps/trainer/src/testing/collect-train';
import { fixtureRound } from '../../../apps/trainer/src/testing/kto-example';
import { baseModelForTests } from '../../../apps/trainer/src/testing/base-model-for-tests';
import { trainerEnv } from '../../../apps/trainer/src/testing/trainer-env';
import { writeRun } from '../../../apps/trainer/src/testing/write-run';
import { buildDataset } from '../../../apps/trainer/src/use-cases/build-dataset';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, questions: { type: 'string', default: '1000' }, 'skip-train': { type: 'boolean', default: false } } });
const RUNS = Number(values.runs);
const QUESTIONS = Number(values.questions);
const SPEC_OPTIONS = { staggered: true, replayPoolSize: 500, replayRatios: { generator: 0, solver: 0.7, refiner: 0.3 }, weights: { generator: 1, solver: 1, refiner: 1 }, seed: 0, generatorUndesirableCap: 0 };

const ROOT = path.resolve(__dirname, '../../..');
const TSX = pathToFileURL(require.resolve('tsx')).href;
// execa is ESM-only: under `node --import tsx` this CommonJS module can load it only with import().
const loadExeca = () => import('execa');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const timed = async (f: () => unknown | Promise<unknown>) => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};

/** A round at production shape: every question a generator example; half converge under ICC with two solver and one refiner example. */
function productionRound(round: number): KtoExample[] {
  const text = (kind: string, i: number, chars: number) => `${kind} r${round} q${i} `.padEnd(chars, 'x');
  const out: KtoExample[] = [];
  for (let q = 0; q < QUESTIONS; q++) {
    const provenance = { run_id: 'bench', round, question_id: `r${round}-q${q}`, source: 'bench' };
    out.push(KtoExample.fromPartial({ role: Role.ROLE_GENERATOR, label: q % 2 === 0, prompt: text('gen prompt', q, 600), completion: text('question', q, 400), provenance }));
    if (q % 2 !== 0) continue;
    out.push(KtoExample.fromPartial({ role: Role.ROLE_SOLVER, label: true, prompt: text('solver prompt', q, 900), completion: text('r1', q, 2500), provenance }));
    out.push(KtoExample.fromPartial({ role: Role.ROLE_SOLVER, label: false, prompt: text('solver prompt', q, 900), completion: text('s1', q, 2500), provenance }));
    out.push(KtoExample.fromPartial({ role: Role.ROLE_REFINER, label: true, prompt: text('refiner prompt', q, 3400), completion: text('r1', q, 2500), provenance }));
  }
  return out;
}

async function benchBuild(dir: string): Promise<string[][]> {
  const runsDir = path.join(dir, 'runs');
  const rounds = [1, 2, 3, 4, 5].map(productionRound);
  const runDir = writeRun(runsDir, 'bench', rounds);
  const store = new RunStore(runsDir);
  const options = { ...SPEC_OPTIONS, round: 5 };
  const response = buildDataset(store, 'bench', [], options);
  const inputBytes = [1, 2, 3, 4, 5].reduce((n, k) => n + fs.statSync(path.join(runDir, 'rounds', String(k), 'examples.jsonl')).size, 0);
  const output = fs.readFileSync(response.dataset_path);
  const floor: number[] = [];
  const jsonFloor: number[] = [];
  const build: number[] = [];
  const assemble: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    floor.push(
      await timed(() => {
        for (let k = 1; k <= 5; k++) fs.readFileSync(path.join(runDir, 'rounds', String(k), 'examples.jsonl'));
        fs.writeFileSync(path.join(dir, 'floor.jsonl'), output);
      }),
    );
    jsonFloor.push(
      await timed(() => {
        for (let k = 1; k <= 5; k++) {
          for (const line of fs.readFileSync(path.join(runDir, 'rounds', String(k), 'examples.jsonl'), 'utf8').split('\n')) if (line) JSON.parse(line);
        }
        const written = output.toString('utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown);
        fs.writeFileSync(path.join(dir, 'floor.jsonl'), written.map((r) => JSON.stringify(r) + '\n').join(''));
      }),
    );
    build.push(await timed(() => buildDataset(store, 'bench', [], options)));
    assemble.push(await timed(() => assembleDataset((k) => rounds[k - 1], options)));
  }
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  return [
    [`BuildDataset round 5 (${5 * rounds[0].length} examples in, ${response.total} out)`, 'I/O floor: read + write same bytes', `${median(build).toFixed(0)} ms`, `${median(floor).toFixed(0)} ms`, (median(build) / median(floor)).toFixed(1)],
    ['', 'JSON floor: parse in, stringify out', '', `${median(jsonFloor).toFixed(0)} ms`, (median(build) / median(jsonFloor)).toFixed(1)],
    [`  of which assembly only (in memory)`, '', `${median(assemble).toFixed(0)} ms`, '', ''],
    [`  bytes read / written`, '', `${mb(inputBytes)} MB / ${mb(output.length)} MB`, '', ''],
  ];
}

/** The trainer service as a child process on a free port, like every deployment starts it. */
async function startTrainerProcess(env: Record<string, string>) {
  const { execa } = await loadExeca();
  const child = execa(process.execPath, ['--import', TSX, path.join(ROOT, 'apps/trainer/src/main.ts'), '--port', '0'], { env, reject: false, buffer: false, stdin: 'ignore', stderr: 'ignore' });
  const port = await new Promise<number>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as { event?: string; port?: number };
      if (event.event === 'listening' && event.port) resolve(event.port);
    });
    void child.then((r) => reject(new Error(`trainer exited early with ${r.exitCode}`)));
  });
  const client = connect(TrainerServiceClient, `127.0.0.1:${port}`);
  return { client, stop: async () => (client.close(), child.kill('SIGTERM'), await child) };
}

async function benchTrain(dir: string): Promise<string[][]> {
  const { execa } = await loadExeca();
  const base = await baseModelForTests(dir);
  const runsDir = path.join(dir, 'train-runs');
  writeRun(runsDir, 'bench-train', [fixtureRound(1), fixtureRound(2), fixtureRound(3), fixtureRound(4)]);
  const trainer = await startTrainerProcess(trainerEnv(dir, { AERO__RUNS_DIR: runsDir }));
  const engineMain = path.join(ROOT, 'apps/engine/src/main.ts');
  const hyperparameters = { num_train_epochs: 4, per_device_train_batch_size: 2, gradient_accumulation_steps: 1, learning_rate: 1e-3, cutoff_len: 128, warmup_ratio: 0, seed: 1 };
  const client = trainer.client;
  const dataset = await unaryCall(client.buildDataset.bind(client), BuildDatasetRequest.fromPartial({ run_id: 'bench-train', round: 4 }));
  const service: number[] = [];
  const direct: number[] = [];
  let steps = 0;
  try {
    for (let i = 0; i < RUNS; i++) {
      let config = '';
      service.push(
        await timed(async () => {
          const { messages, error } = await collectTrain(client, TrainRequest.fromPartial({ run_id: 'bench-train', round: 4, dataset: dataset.dataset, base_model: base, hyperparameters }));
          if (error) throw error;
          const job = messages[messages.length - 1].job!;
          config = job.config_path;
          steps = job.progress!.total_steps;
        }),
      );
      const yaml = parse(fs.readFileSync(config, 'utf8'));
      const directConfig = path.join(dir, 'direct.yaml');
      fs.writeFileSync(directConfig, stringify({ ...yaml, output_dir: path.join(dir, 'direct-out') }));
      direct.push(await timed(() => execa(process.execPath, ['--import', TSX, engineMain, 'train', directConfig, '--workers', '1'])));
    }
  } finally {
    await trainer.stop();
  }
  return [[`Train RPC, embedded, ${steps} steps`, 'engine `train` CLI on the same config', `${median(service).toFixed(0)} ms`, `${median(direct).toFixed(0)} ms`, (median(service) / median(direct)).toFixed(2)]];
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trainer-bench-'));
  try {
    const rows = [...(await benchBuild(dir)), ...(values['skip-train'] ? [] : await benchTrain(dir))];
    const header = ['measured', 'baseline (same run)', 'measured', 'baseline', 'ratio'];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
    const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c])).join('  ');
    console.log(`trainer bench: medians of ${RUNS} runs, ${os.cpus().length} cores, node ${process.version}`);
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const row of rows) console.log(line(row));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
