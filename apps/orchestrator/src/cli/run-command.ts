import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { isHubModelId, loadConfig } from '@aero/config';
import { RunState } from '@aero/contracts';
import { loadTemplates, rolePrompts } from '@aero/prompts';
import { unaryCall } from '@aero/service-kit';
import { configFileOf } from '../adapters/config-file-of';
import { RunStore } from '../adapters/run-store';
import { budgetReport } from '../domain/budget-report';
import { connectOrchestrator } from './connect-orchestrator';
import { dryRun } from './dry-run';
import { followRun } from './follow-run';
import { preflight, requirePreflight } from './preflight';
import { newRunId } from '../domain/new-run-id';
import { smokeOverrides } from './smoke-overrides';

/**
 * `aero run [--name NAME] [--set KEY=VALUE ...] [--config FILE | --profile NAME] [--dry-run] [--smoke MODEL]`:
 * a full AERO run, start to report. The config must fit itself (budgets) before anything starts;
 * --dry-run prints what would be started and stops there; --smoke MODEL runs the config's own path
 * at the smallest useful size on MODEL.
 */
export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      name: { type: 'string' },
      set: { type: 'string', multiple: true },
      config: { type: 'string' },
      'dry-run': { type: 'boolean' },
      smoke: { type: 'string' },
    },
    strict: true,
  });
  // Set before anything reads the config, so the local orchestrator and its services inherit them too.
  if (values.smoke !== undefined) Object.assign(process.env, smokeOverrides(values.smoke));
  const overrides = parseOverrides(values.set ?? []);
  const configFile = configFileOf(argv);
  const config = loadConfig({ file: configFile, overrides });
  const { aero, engine, evaluation, training } = config;
  const budgets = budgetReport(config, rolePrompts(loadTemplates(config.prompts.profile, config.prompts.dir)));
  if (budgets.violations.length > 0) {
    throw new Error(`${configFile ?? 'the default config'} does not fit itself:\n${budgets.violations.map((v) => `  ${v.field}: ${v.description}`).join('\n')}`);
  }
  const model = isHubModelId(engine.model) ? engine.model : path.relative(process.cwd(), engine.model) || engine.model;
  console.log('AERO: the model writes its own problems, solves each many times, learns from where it disagrees with itself.');
  if (values.smoke !== undefined) console.log(`  smoke run of ${configFile ?? 'the default config'} on ${values.smoke}`);
  console.log(`  ${aero.rounds} rounds × ${aero.questions_per_round} problems × ${aero.sampling_n} samples; initial model ${model}`);
  console.log(`  engines: ${engine.backend}, chat template ${engine.chat_template.name}; training: ${training.backend}`);
  if (engine.backend !== 'embedded') {
    console.log(`  longest request ${budgets.served.tokens} tokens (${budgets.served.role}) of ${engine.max_model_len}; longest example ${budgets.trained.tokens} of cutoff_len ${training.kto.cutoff_len}`);
  }
  console.log(`  evaluated on: ${evaluation.benchmarks.map((b) => b.name).join(', ')}${evaluation.limit ? ` (${evaluation.limit} problems each)` : ''}`);
  if (values['dry-run']) {
    console.log('  dry run: nothing is started');
    const problems = await preflight(config);
    console.log(problems.length > 0 ? `  preflight: a real run would stop here: ${problems.join('; ')}` : '  preflight: this host has what the config needs');
    await dryRun(config, configFile, values.name ?? 'RUN', overrides);
    return 0;
  }
  await requirePreflight(config);
  const connection = await connectOrchestrator(config, configFile);
  if (connection.logFile) console.log(`  local mode: orchestrator and services started; their logs: ${connection.logFile}`);
  try {
    const { run } = await unaryCall(connection.client.startRun.bind(connection.client), { name: values.name ?? newRunId(new Date()), config_overrides: overrides });
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
