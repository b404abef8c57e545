import { parseArgs } from 'node:util';
import { loadConfig } from '@aero/config';
import { phaseToJSON, runStateToJSON, type Run } from '@aero/contracts';
import { unaryCall } from '@aero/service-kit';
import { configFileOf } from '../adapters/config-file-of';
import { RunStore } from '../adapters/run-store';
import { formatTable } from '../domain/format-table';
import { replayRun } from '../domain/replay-run';
import { roundTable } from '../domain/round-table';
import { toRunMessage } from '../domain/to-run-message';
import { connectOrchestrator } from './connect-orchestrator';

const word = (text: string, prefix: string) => text.replace(prefix, '').toLowerCase();

/**
 * `aero status [RUN] [--config FILE]`: every run, or one run with its per-round table. In local mode
 * it reads the run store directly (no services needed); with an orchestrator address it asks it.
 */
export async function statusCommand(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, options: { config: { type: 'string' } }, allowPositionals: true, strict: true });
  const config = loadConfig({ file: configFileOf(argv) });
  const runs = config.services.orchestrator.address ? await remoteRuns(config, positionals[0]) : localRuns(new RunStore(config.runs_dir), positionals[0]);
  if (positionals[0]) {
    const [run] = runs;
    if (!run) throw new Error(`run ${positionals[0]} not found`);
    console.log(`run ${run.id}: ${word(runStateToJSON(run.state), 'RUN_STATE_')}, round ${run.current_round}/${run.rounds}, ${word(phaseToJSON(run.phase), 'PHASE_')}`);
    const origin = run.origin ? `; started from round ${run.origin.round} of run ${run.origin.run_id}` : '';
    console.log(`folder ${run.run_dir}; model ${run.current_model}${origin}${run.error ? `\nlast error: ${run.error}` : ''}\n`);
    console.log(formatTable(roundTable(run)));
    return 0;
  }
  if (runs.length === 0) {
    console.log(`no runs in ${config.runs_dir} yet; start one with: npm run aero -- run`);
    return 0;
  }
  console.log(
    formatTable({
      headers: ['run', 'state', 'round', 'phase', 'created'],
      rows: runs.map((r) => [r.id, word(runStateToJSON(r.state), 'RUN_STATE_'), `${r.current_round}/${r.rounds}`, word(phaseToJSON(r.phase), 'PHASE_'), r.created_at]),
    }),
  );
  return 0;
}

function localRuns(store: RunStore, runId?: string): Run[] {
  const ids = runId ? [runId] : store.listIds();
  return ids
    .map((id) => toRunMessage(replayRun(store.readMeta(id), store.readEvents(id))))
    .sort((a, b) => b.created_at.localeCompare(a.created_at));
}

async function remoteRuns(config: ReturnType<typeof loadConfig>, runId?: string): Promise<Run[]> {
  const connection = await connectOrchestrator(config, undefined);
  try {
    const { client } = connection;
    if (runId) {
      const { run } = await unaryCall(client.getRun.bind(client), { run_id: runId });
      return run ? [run] : [];
    }
    return (await unaryCall(client.listRuns.bind(client), { page_size: 1000, page_token: '' })).runs;
  } finally {
    await connection.close();
  }
}
