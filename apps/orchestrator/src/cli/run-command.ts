import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@aero/config';
import { RunState } from '@aero/contracts';
import { unaryCall } from '@aero/service-kit';
import { configFileOf } from '../adapters/config-file-of';
import { RunStore } from '../adapters/run-store';
import { connectOrchestrator } from './connect-orchestrator';
import { followRun } from './follow-run';

/** `aero run [--name NAME] [--set KEY=VALUE ...] [--config FILE]`: a full AERO run, start to report. */
export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { name: { type: 'string' }, set: { type: 'string', multiple: true }, config: { type: 'string' } },
    strict: true,
  });
  const overrides = parseOverrides(values.set ?? []);
  const configFile = configFileOf(argv);
  const config = loadConfig({ file: configFile, overrides });
  const { aero, engine, evaluation } = config;
  console.log('AERO: the model writes its own problems, solves each many times, learns from where it disagrees with itself.');
  console.log(`  ${aero.rounds} rounds × ${aero.questions_per_round} problems × ${aero.sampling_n} samples; initial model ${path.relative(process.cwd(), engine.model) || engine.model}`);
  console.log(`  evaluated on: ${evaluation.benchmarks.map((b) => b.name).join(', ')}${evaluation.limit ? ` (${evaluation.limit} problems each)` : ''}`);
  const connection = await connectOrchestrator(config, configFile);
  if (connection.logFile) console.log(`  local mode: orchestrator and services started; their logs: ${connection.logFile}`);
  try {
    const { run } = await unaryCall(connection.client.startRun.bind(connection.client), { name: values.name ?? '', config_overrides: overrides });
    if (!run) throw new Error('the orchestrator returned no run');
    console.log(`  run ${run.id}, folder ${run.run_dir}\n`);
    const state = await followRun(connection, run.id, aero, new RunStore(config.runs_dir), 0);
    return state === RunState.RUN_STATE_SUCCEEDED ? 0 : 1;
  } finally {
    await connection.close();
  }
}

function parseOverrides(pairs: string[]): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--set expects KEY=VALUE (e.g. --set aero.rounds=2), got ${JSON.stringify(pair)}`);
    overrides[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return overrides;
}
