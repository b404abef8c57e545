import { RunEvent } from '@aero/contracts';
import { JsonlLog } from './jsonl-log';
import { RunStore } from './run-store';

/**
 * The run store, whose journals also hand every event they take, once it is on disk, to `onEvent`:
 * how the run metrics follow every run without a hook in the code that drives them.
 */
export class ObservedRunStore extends RunStore {
  constructor(
    runsDir: string,
    private readonly onEvent: (runId: string, event: RunEvent) => void,
  ) {
    super(runsDir);
  }

  override journal(id: string): JsonlLog {
    return new ObservedJournal(super.journal(id).file, (record) => this.onEvent(id, RunEvent.fromJSON(record)));
  }
}

class ObservedJournal extends JsonlLog {
  constructor(
    file: string,
    private readonly onAppend: (record: unknown) => void,
  ) {
    super(file);
  }

  override append(record: unknown): void {
    super.append(record);
    this.onAppend(record);
  }
}
