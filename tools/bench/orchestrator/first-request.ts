/**
 * Start-up benchmark: how soon `npm start` sends its first engine request. Runs the command line as
 * `npm start` does (`aero run`, local mode, the root config.yaml, a fresh run store each time) and
 * reads the run's journal: the run is created, the gateway serves the initial model, and the
 * evaluation of round 0 begins, whose first Solve is the first engine request. Stops the command
 * line there (its process group: the orchestrator and the services stop with it). The floor, in the
 * same run: the inference gateway started alone, until it listens with its engine loaded, which no
 * first request can beat.
 *
 * Usage: node --require tsx/cjs tools/bench/orchestrator/first-request.ts [--reps 3]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Phase, RunEvent, RunState } from '@aero/contracts';
import { startProcessGroup, tsxRequireHook } from '@aero/process';
import { startChildService } from '../../../apps/orchestrator/src/adapters/start-child-service';

const ROOT = path.resolve(__dirname, '../../..');
const TARGET_S = 3;

interface Startup {
  /** Command line start to the run's creation (RUNNING in its journal). */
  created: number;
  /** Run created to the first engine request (round 0's evaluation begins). */
  firstRequest: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { reps: { type: 'string', default: '3' } } });
  const reps = Number(values.reps);
  if (!Number.isInteger(reps) || reps < 1) throw new Error(`--reps takes a positive integer, got ${values.reps}`);
  const startups: Startup[] = [];
  const floors: number[] = [];
  // Alternating, so that a change in the machine's load touches both alike.
  for (let rep = 0; rep < reps; rep++) {
    startups.push(await cliStartup());
    floors.push(await gatewayAlone());
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const floor = median(floors);
  const first = median(startups.map((s) => s.firstRequest));
  const rows: [string, string, string][] = [
    ['command line start -> run created', s(median(startups.map((x) => x.created))), ''],
    ['run created -> first engine request', s(first), `${(first / floor).toFixed(2)}x floor; target <= ${TARGET_S} s: ${first <= TARGET_S ? 'met' : 'not met'}`],
    ['floor: the gateway alone, listening with its engine loaded', s(floor), '1.00x'],
  ];
  console.log(`first engine request after \`npm start\` (median of ${reps}, load ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)\n`);
  console.log('| step | seconds | vs floor |\n| --- | --- | --- |');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\nall: ${startups.map((x) => `${x.created.toFixed(2)}+${x.firstRequest.toFixed(2)}`).join(', ')} s; floor: ${floors.map((f) => f.toFixed(2)).join(', ')} s`);
}

const s = (seconds: number) => seconds.toFixed(2);

/** `aero run` in a fresh run store until round 0's evaluation begins; then stops it. */
async function cliStartup(): Promise<Startup> {
  const runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aero-first-request-'));
  const started = Date.now();
  const cli = await startProcessGroup(
    { file: process.execPath, args: ['--require', tsxRequireHook(), path.join(ROOT, 'apps/orchestrator/src/cli.ts'), 'run'], env: { AERO__RUNS_DIR: runsDir } },
    { stdout: 'ignore', stderr: 'ignore' },
  );
  try {
    for (;;) {
      const events = journalOf(runsDir);
      const running = events.find((e) => e.event?.$case === 'state_changed' && e.event.value.state === RunState.RUN_STATE_RUNNING);
      const evaluating = events.find((e) => e.event?.$case === 'phase_changed' && e.event.value.phase === Phase.PHASE_EVALUATING);
      if (running?.time && evaluating?.time) {
        return { created: (Date.parse(running.time) - started) / 1000, firstRequest: (Date.parse(evaluating.time) - Date.parse(running.time)) / 1000 };
      }
      if (Date.now() - started > 120_000) throw new Error(`no evaluation began within 120 s (run store ${runsDir})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await cli.stop(20_000);
    fs.rmSync(runsDir, { recursive: true, force: true });
  }
}

/** The events of the one run in `runsDir`, as far as written; none before it exists. */
function journalOf(runsDir: string): RunEvent[] {
  const run = fs.readdirSync(runsDir).find((name) => name.startsWith('run-'));
  const file = run && path.join(runsDir, run, 'journal.jsonl');
  if (!file || !fs.existsSync(file)) return [];
  // The last line may be half written.
  return fs.readFileSync(file, 'utf8').split('\n').flatMap((line) => {
    try {
      return line ? [RunEvent.fromJSON(JSON.parse(line))] : [];
    } catch {
      return [];
    }
  });
}

/** Seconds until the gateway, started alone on the root config, listens (its engine ready). */
async function gatewayAlone(): Promise<number> {
  const runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aero-first-request-'));
  const started = Date.now();
  const gateway = await startChildService({
    name: 'inference gateway',
    entry: path.join(ROOT, 'apps/inference-gateway/src/main.ts'),
    args: [],
    env: { AERO__RUNS_DIR: runsDir, AERO__SERVICES__METRICS_PORT: '0' },
    onStderr: () => undefined,
  });
  const seconds = (Date.now() - started) / 1000;
  await gateway.stop();
  fs.rmSync(runsDir, { recursive: true, force: true });
  return seconds;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
