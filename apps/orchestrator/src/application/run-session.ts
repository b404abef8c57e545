import { RunEvent } from '@aero/contracts';
import type { JsonlLog } from '../adapters/jsonl-log';
import { applyRunEvent } from '../domain/apply-run-event';
import { replayRun } from '../domain/replay-run';
import type { RunMeta } from '../domain/run-meta';
import { RunPaths } from '../domain/run-paths';
import type { RunView } from '../domain/run-view';

type Listener = (event: RunEvent) => void;

/**
 * The one writer of a run's journal while the run is driven. An event counts once it is on disk:
 * append writes it (fsync), then folds it into the live view, then tells the watchers. The journal
 * gets its paths in their portable form (RunPaths); the view and the watchers get them absolute.
 */
export class RunSession {
  readonly view: RunView;
  private readonly listeners = new Set<Listener>();
  private readonly paths: RunPaths;

  constructor(
    private readonly journal: JsonlLog,
    meta: RunMeta,
    history: readonly RunEvent[],
    private readonly now: () => Date = () => new Date(),
  ) {
    this.view = replayRun(meta, history);
    this.paths = new RunPaths(meta.run_dir);
  }

  append(round: number, body: NonNullable<RunEvent['event']>): RunEvent {
    const event: RunEvent = { sequence: this.view.lastSequence + 1, time: this.now().toISOString(), round, event: body };
    this.journal.append(RunEvent.toJSON(this.paths.portableEvent(event)));
    applyRunEvent(this.view, event);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.journal.close();
  }
}
