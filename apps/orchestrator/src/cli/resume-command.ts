import { parseArgs } from 'node:util';
import { loadConfig } from '@aero/config';
import { RunState } from '@aero/contracts';
import { unaryCall } from '@aero/service-kit';
import { configFileOf } from '../adapters/config-file-of';
import { RunStore } from '../adapters/run-store';
import { connectOrchestrator } from './connect-orchestrator';
import { followRun } from './follow-run';
import { orchestratorLoss } from './orchestrator-loss';
import { requirePreflight } from './preflight';

/** `aero resume RUN [--config FILE]`: continues a stopped run from its last recorded question. */
export async function resumeCommand(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, options: { config: { type: 'string' } }, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new Error('usage: aero resume RUN');
  const runId = positionals[0];
  const configFile = configFileOf(argv);
  const config = loadConfig({ file: configFile });
  const store = new RunStore(config.runs_dir);
  const local = store.exists(runId) ? store.readEvents(runId) : [];
  const aero = store.exists(runId) ? store.readMeta(runId).config.aero : config.aero;
  await requirePreflight(store.exists(runId) ? store.readMeta(runId).config : config);
  const connection = await connectOrchestrator(config, configFile);
  try {
    await unaryCall(connection.client.resumeRun.bind(connection.client), { run_id: runId });
    console.log(`Resuming run ${runId} from its last recorded step.\n`);
    const state = await followRun(connection, runId, aero, store, (local.at(-1)?.sequence ?? 0) + 1);
    return state === RunState.RUN_STATE_SUCCEEDED ? 0 : 1;
  } catch (error) {
    throw await orchestratorLoss(error, connection, runId);
  } finally {
    await connection.close();
  }
}
