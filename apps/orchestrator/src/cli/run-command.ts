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
import { orchestratorLoss } from './orchestrator-loss';
import { preflight, requirePreflight } from './preflight';
import { newRunId } from '../domain/new-run-id';
import { parseRunRound } from '../domain/parse-run-round';
import { smokeOverrides } from './smoke-overrides';

/**
 * `aero run [--name NAME] [--set KEY=VALUE ...] [--config FILE | --profile NAME] [--from RUN:ROUND] [--dry-run] [--smoke MODEL]`:
 * a full AERO run, start to report. The config must fit itself (budgets) before anything starts;
 * --from starts on another run's checkpoint of that round instead of the config's model; --dry-run
 * prints what would be started and stops there; --smoke MODEL runs the config's own path at the
 * smallest useful size on MODEL.
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
      from: { type: 'string' },
    },
    strict: true,
  });
  const origin = values.from === undefined ? undefined : parseRunRound(values.from, '--from', true);
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
  const initial = origin ? `round ${origin.round} of run ${origin.run_id}` : model;
  console.log(`  ${aero.rounds} rounds × ${aero.questions_per_round} problems × ${aero.sampling_n} samples; initial model ${initial}`);
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
  let runId = values.name ?? newRunId(new Date());
  try {
    const { run } = await unaryCall(connection.client.startRun.bind(connection.client), { name: runId, config_overrides: overrides, origin });
    if (!run) throw new Error('the orchestrator returned no run');
    runId = run.id;
    console.log(`  run ${run.id}, folder ${run.run_dir}\n`);
    const state = await followRun(connection, run.id, aero, new RunStore(config.runs_dir), 0);
    return state === RunState.RUN_STATE_SUCCEEDED ? 0 : 1;
  } catch (error) {
    throw await orchestratorLoss(error, connection, runId);
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
