import type { AeroConfig } from '@aero/config';
import { RunState } from '@aero/contracts';
import { streamCall, unaryCall } from '@aero/service-kit';
import type { RunStore } from '../adapters/run-store';
import { formatTable } from '../domain/format-table';
import { roundTable } from '../domain/round-table';
import type { OrchestratorConnection } from './connect-orchestrator';
import { ProgressPrinter } from './progress-printer';
import { writeReport } from './write-report';

/**
 * Shows a run's progress until it stops, then its per-round table and the path of its HTML report.
 * Ctrl-C cancels the run (it can be resumed); a second Ctrl-C leaves at once.
 */
export async function followRun(
  connection: OrchestratorConnection,
  runId: string,
  aero: AeroConfig['aero'],
  store: RunStore,
  fromSequence: number,
): Promise<RunState> {
  const { client } = connection;
  const printer = new ProgressPrinter(process.stdout, runId, aero);
  const onInterrupt = () => {
    printer.print(`stopping: cancelling run ${runId} (continue it later with: npm run aero -- resume ${runId})`);
    process.once('SIGINT', () => process.exit(130));
    unaryCall(client.cancelRun.bind(client), { run_id: runId }).catch(() => undefined);
  };
  process.once('SIGINT', onInterrupt);
  try {
    for await (const message of streamCall(client.watchRun.bind(client), { run_id: runId, from_sequence: fromSequence })) {
      if (message.event) printer.handle(message.event);
    }
  } finally {
    process.off('SIGINT', onInterrupt);
    printer.finish();
  }
  const { run } = await unaryCall(client.getRun.bind(client), { run_id: runId });
  if (!run) throw new Error(`run ${runId} vanished`);
  console.log(`\nPer-round summary of run ${runId} (examples as desirable/undesirable):\n`);
  console.log(formatTable(roundTable(run)));
  if (store.exists(runId)) console.log(`\nReport: ${writeReport(store, runId)}`);
  if (run.state !== RunState.RUN_STATE_SUCCEEDED) {
    console.log(`\nRun ${runId} stopped (${RunState[run.state]}, reason above). Continue it with: npm run aero -- resume ${runId}`);
  }
  return run.state;
}
