import { RunEvent } from '@aero/contracts';
import { RunStore } from '../adapters/run-store';
import { fixtureMeta } from './run-fixtures';

/** A run folder with the given journal, as an orchestrator would have left it; `aero` overrides its settings. */
export function writeRunFixture(runsDir: string, id: string, events: readonly RunEvent[], aero: Record<string, unknown> = {}): void {
  const store = new RunStore(runsDir);
  store.create({ ...fixtureMeta(aero, id), run_dir: store.runDir(id) });
  const journal = store.journal(id);
  for (const event of events) journal.append(RunEvent.toJSON(event));
  journal.close();
}
