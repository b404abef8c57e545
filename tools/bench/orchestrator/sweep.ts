/**
 * Ablations and seeds: full AERO runs of the root config.yaml under several sets of run overrides,
 * each with several seeds, one after the other on the same services. Prints, per set, the benchmark
 * accuracy per round (round 0 = the initial model) as the mean over the seeds with its spread
 * (min..max), ICC's consensus accuracy against majority vote's on the same questions, the ZPD share
 * and the median size of ZPD questions per round, the generator's well-formed share, and the wall
 * time. The first set (no overrides) is the baseline every other row is compared with. Then writes
 * the runs' curves overlaid in one HTML page (`aero compare`): FILE.compare.html beside --out FILE.md,
 * else sweep-<time>.compare.html beside the sweep's log in the run store's logs folder.
 *
 * Usage: node --import tsx tools/bench/orchestrator/sweep.ts [--config FILE] [--seeds 0,1,2] [--out FILE.md] [--no-baseline] [SETS.json]
 * SETS.json: [{"name": "majority-labels", "overrides": {"aero.labeller": "majority"}}, ...]
 * (tools/bench/orchestrator/ablations.json holds the ablations of issue 15.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@aero/config';
import { OrchestratorServiceClient, RunState, type Run } from '@aero/contracts';
import { connect, streamCall, unaryCall } from '@aero/service-kit';
import { configFileOf } from '../../../apps/orchestrator/src/adapters/config-file-of';
import { RunStore } from '../../../apps/orchestrator/src/adapters/run-store';
import { writeCompare } from '../../../apps/orchestrator/src/cli/write-compare';
import { RUN_ID_PATTERN } from '../../../apps/orchestrator/src/domain/run-id-pattern';
import { startChildService } from '../../../apps/orchestrator/src/adapters/start-child-service';
import { sweepTables, type SweepRun } from './sweep-tables';

interface OverrideSet {
  name: string;
  overrides: Record<string, string>;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { config: { type: 'string' }, seeds: { type: 'string' }, out: { type: 'string' }, 'no-baseline': { type: 'boolean' } }, allowPositionals: true });
  const configFile = configFileOf(process.argv.slice(2));
  const config = loadConfig({ file: configFile });
  const seeds = (values.seeds ?? String(config.aero.seed)).split(',').map((s) => {
    if (!/^\d+$/.test(s)) throw new Error(`--seeds takes comma-separated non-negative integers, got ${JSON.stringify(s)}`);
    return Number(s);
  });
  const given = positionals[0] ? (JSON.parse(fs.readFileSync(positionals[0], 'utf8')) as OverrideSet[]) : [];
  const sets: OverrideSet[] = values['no-baseline'] ? given : [{ name: 'config', overrides: {} }, ...given];
  // Refuse a set name that makes an invalid run name before any run starts, not when its turn comes.
  const stamp = Date.now().toString(36);
  const runName = (set: OverrideSet, seed: number): string => `sweep-${stamp}-${set.name}-s${seed}`;
  for (const set of sets) {
    const name = runName(set, Math.max(...seeds));
    if (!RUN_ID_PATTERN.test(name)) throw new Error(`set name ${JSON.stringify(set.name)}: the run name ${name} must be 1..64 letters, digits, "-" or "_"`);
  }
  const logFile = path.join(config.runs_dir, 'logs', `sweep-${Date.now()}.log`);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.createWriteStream(logFile);
  const orchestrator = await startChildService({
    name: 'orchestrator',
    entry: path.resolve(__dirname, '../../../apps/orchestrator/src/main.ts'),
    args: configFile ? ['--config', configFile] : [],
    env: { AERO__ORCHESTRATOR__RESUME_INTERRUPTED: 'false' },
    onStderr: (chunk) => log.write(chunk),
  });
  const client = connect(OrchestratorServiceClient, `127.0.0.1:${orchestrator.port}`);
  const runs: SweepRun[] = [];
  try {
    for (const set of sets) {
      for (const seed of seeds) {
        const started = performance.now();
        const overrides = { ...set.overrides, 'aero.seed': String(seed) };
        const { run } = await unaryCall(client.startRun.bind(client), { name: runName(set, seed), config_overrides: overrides });
        if (!run) throw new Error('StartRun returned no run');
        for await (const m of streamCall(client.watchRun.bind(client), { run_id: run.id, from_sequence: 0 })) {
          const state = m.event?.event?.$case === 'state_changed' ? m.event.event.value.state : undefined;
          if (state !== undefined && state !== RunState.RUN_STATE_RUNNING) break;
        }
        const { run: done } = await unaryCall(client.getRun.bind(client), { run_id: run.id });
        if (!done) throw new Error(`run ${run.id} vanished`);
        runs.push({ set: set.name, seed, run: done as Run, minutes: (performance.now() - started) / 60_000 });
        const curve = [done.baseline[0], ...done.round_summaries.map((s) => s.evaluations[0])].map((e) => (e ? (e.pass_at_1 * 100).toFixed(1) : '–'));
        console.log(`${set.name} seed ${seed}: ${RunState[done.state]} in ${runs.at(-1)?.minutes.toFixed(1)} min, ${curve.join(' → ')} (${done.run_dir})`);
      }
    }
  } finally {
    client.close();
    await orchestrator.stop();
    log.end();
  }
  const text = `${sweepTables(runs, config.evaluation.benchmarks[0]?.name ?? '?')}\nlogs ${logFile}\n`;
  console.log(`\n${text}`);
  if (values.out) fs.writeFileSync(values.out, text);
  if (runs.length >= 2) {
    const beside = path.parse(values.out ?? logFile);
    const page = path.join(beside.dir, `${beside.name}.compare.html`);
    console.log(`compare ${writeCompare(new RunStore(config.runs_dir), runs.map((r) => r.run.id), page)}`);
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
