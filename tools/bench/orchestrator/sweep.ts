/**
 * Quick-start sizing: full AERO runs of the root config.yaml under several sets of run overrides,
 * one after the other on the same services, printing for each the wall time, the benchmark accuracy
 * curve (round 0 = the initial model) and the seconds each step costs per unit (inner loop per
 * question, evaluation per problem, training per round), the numbers to size a run by. The first
 * set (no overrides) is the baseline.
 *
 * Usage: node --import tsx tools/bench/orchestrator/sweep.ts [--config FILE] [SETS.json]
 * SETS.json: [{"name": "paper-labels", "overrides": {"aero.solver_labels": "paper"}}, ...]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@aero/config';
import { OrchestratorServiceClient, Phase, RunState, type RunEvent } from '@aero/contracts';
import { connect, streamCall, unaryCall } from '@aero/service-kit';
import { configFileOf } from '../../../apps/orchestrator/src/adapters/config-file-of';
import { startGuardedService } from '../../../apps/orchestrator/src/adapters/start-guarded-service';

interface OverrideSet {
  name: string;
  overrides: Record<string, string>;
}

async function main(): Promise<void> {
  const { positionals } = parseArgs({ options: { config: { type: 'string' } }, allowPositionals: true });
  const configFile = configFileOf(process.argv.slice(2));
  const sets: OverrideSet[] = [{ name: 'config', overrides: {} }, ...(positionals[0] ? (JSON.parse(fs.readFileSync(positionals[0], 'utf8')) as OverrideSet[]) : [])];
  const config = loadConfig({ file: configFile });
  const logFile = path.join(config.runs_dir, 'logs', `sweep-${Date.now()}.log`);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.createWriteStream(logFile);
  const orchestrator = await startGuardedService({
    name: 'orchestrator',
    entry: path.resolve(__dirname, '../../../apps/orchestrator/src/main.ts'),
    args: configFile ? ['--config', configFile] : [],
    env: { AERO__ORCHESTRATOR__RESUME_INTERRUPTED: 'false' },
    onStderr: (chunk) => log.write(chunk),
  });
  const client = connect(OrchestratorServiceClient, `127.0.0.1:${orchestrator.port}`);
  const stamp = Date.now().toString(36);
  const rows: string[][] = [];
  try {
    for (const set of sets) {
      const started = performance.now();
      const { run } = await unaryCall(client.startRun.bind(client), { name: `sweep-${stamp}-${set.name}`, config_overrides: set.overrides });
      if (!run) throw new Error('StartRun returned no run');
      const events: RunEvent[] = [];
      for await (const m of streamCall(client.watchRun.bind(client), { run_id: run.id, from_sequence: 0 })) {
        if (m.event) events.push(m.event);
        const state = m.event?.event?.$case === 'state_changed' ? m.event.event.value.state : undefined;
        if (state !== undefined && state !== RunState.RUN_STATE_RUNNING) break;
      }
      const minutes = (performance.now() - started) / 60_000;
      const { run: done } = await unaryCall(client.getRun.bind(client), { run_id: run.id });
      if (!done) throw new Error(`run ${run.id} vanished`);
      const evaluations = [done.baseline[0], ...done.round_summaries.map((s) => s.evaluations[0])];
      const curve = evaluations.map((e) => (e ? (e.pass_at_1 * 100).toFixed(1) : '–'));
      const first = done.baseline[0]?.pass_at_1 ?? 0;
      const last = done.round_summaries.at(-1)?.evaluations[0]?.pass_at_1 ?? 0;
      const seconds = phaseSeconds(events);
      const questions = events.filter((e) => e.event?.$case === 'question_recorded').length;
      const problems = evaluations.reduce((sum, e) => sum + (e?.problems ?? 0), 0);
      const per = (phase: Phase, count: number) => (count ? ((seconds.get(phase) ?? 0) / count).toFixed(3) : '–');
      rows.push([
        set.name, RunState[done.state].replace('RUN_STATE_', '').toLowerCase(), minutes.toFixed(1), curve.join(' → '), ((last - first) * 100).toFixed(1),
        per(Phase.PHASE_SYNTHESIZING, questions), per(Phase.PHASE_EVALUATING, problems), per(Phase.PHASE_TRAINING, done.round_summaries.length),
        per(Phase.PHASE_SERVING, events.filter((e) => e.event?.$case === 'model_served').length),
      ]);
      console.log(rows[rows.length - 1].join('  |  '));
    }
  } finally {
    client.close();
    await orchestrator.stop();
    log.end();
  }
  console.log(`\nquick-start sizing (${config.evaluation.benchmarks[0]?.name ?? '?'} greedy pass@1, %; seconds from the journal), logs ${logFile}`);
  const headers = ['overrides', 'state', 'wall min', 'accuracy per round', 'last − initial', 'inner loop s/question', 'eval s/problem', 'train s/round', 'serve s'];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  rows.forEach((r) => console.log(line(r)));
}

/** Seconds spent in each phase, summed over the rounds: a phase lasts until the next phase or state change. */
function phaseSeconds(events: readonly RunEvent[]): Map<Phase, number> {
  const seconds = new Map<Phase, number>();
  let current: { phase: Phase; since: number } | undefined;
  for (const event of events) {
    const body = event.event;
    if (body?.$case !== 'phase_changed' && body?.$case !== 'state_changed') continue;
    const at = Date.parse(event.time);
    if (current) seconds.set(current.phase, (seconds.get(current.phase) ?? 0) + (at - current.since) / 1000);
    current = body.$case === 'phase_changed' ? { phase: body.value.phase, since: at } : undefined;
  }
  return seconds;
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
