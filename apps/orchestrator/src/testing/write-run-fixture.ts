import { RunEvent } from '@aero/contracts';
import { RunStore } from '../adapters/run-store';
import { fixtureMeta } from './run-fixtures';

/** A run folder with the given journal, as an orchestrator would have left it. */
export function writeRunFixture(runsDir: string, id: string, events: readonly RunEvent[]): void {
  const store = new RunStore(runsDir);
  store.create({ ...fixtureMeta({}, id), run_dir: store.runDir(id) });
  const journal = store.journal(id);
  for (const event of events) journal.append(RunEvent.toJSON(event));
  journal.close();
}
