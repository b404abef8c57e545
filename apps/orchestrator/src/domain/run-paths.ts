import * as path from 'node:path';
import type { RunEvent } from '@aero/contracts';

const RELATIVE = /^\.\.?(\/|$)/;

/**
 * The paths a run records, in the form that survives moving it. The record (run.json, the journal)
 * holds a path inside the run store relative to the run folder, "./training/r1/model" or, for a
 * checkpoint of another run, "../base/training/r2/model": a run folder moved into another store, or
 * the store moved whole, still finds its files. Every other path (the base model, the prompts, a hub
 * model id) is recorded as it is. The leading "./" is what marks a recorded path as relative, so a
 * hub id like "Qwen/Qwen3-8B-Base" is never taken for one.
 */
export class RunPaths {
  private readonly store: string;

  /**
   * @param runDir where the run folder is now
   * @param createdIn where it was when its record was written: runs recorded before paths were
   *   relative hold absolute ones under that folder, which are read as if under `runDir`
   */
  constructor(
    readonly runDir: string,
    private readonly createdIn: string = runDir,
  ) {
    this.store = path.dirname(runDir);
  }

  /** `p` as the record keeps it. */
  portable(p: string): string {
    if (!path.isAbsolute(p) || !within(this.store, p)) return p;
    const relative = path.relative(this.runDir, p) || '.';
    return RELATIVE.test(relative) ? relative : `./${relative}`;
  }

  /** A recorded path as it is now: absolute where it lies in the store. */
  resolve(p: string): string {
    if (RELATIVE.test(p)) return path.join(this.runDir, p);
    if (path.isAbsolute(p) && path.isAbsolute(this.createdIn) && this.createdIn !== this.runDir && within(this.createdIn, p)) {
      return path.join(this.runDir, path.relative(this.createdIn, p));
    }
    return p;
  }

  /** The event with every path it holds in its portable form. */
  portableEvent(event: RunEvent): RunEvent {
    return mapPaths(event, (p) => this.portable(p));
  }

  /** The recorded event with every path it holds resolved. */
  resolveEvent(event: RunEvent): RunEvent {
    return mapPaths(event, (p) => this.resolve(p));
  }
}

function within(dir: string, p: string): boolean {
  const relative = path.relative(dir, p);
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** A copy of `event` with `map` applied to each of its path fields (the events that name files). */
function mapPaths(event: RunEvent, map: (p: string) => string): RunEvent {
  const body = event.event;
  switch (body?.$case) {
    case 'model_trained':
      return { ...event, event: { ...body, value: { ...body.value, model_path: map(body.value.model_path) } } };
    case 'model_served':
      return { ...event, event: { ...body, value: { ...body.value, checkpoint: map(body.value.checkpoint) } } };
    case 'dataset_built':
      return { ...event, event: { ...body, value: { ...body.value, dataset_dir: map(body.value.dataset_dir), dataset_path: map(body.value.dataset_path) } } };
    case 'round_finished': {
      const { dataset } = body.value;
      const mapped = dataset && { ...dataset, dataset_dir: map(dataset.dataset_dir), dataset_path: map(dataset.dataset_path) };
      return { ...event, event: { ...body, value: { ...body.value, model_path: map(body.value.model_path), dataset: mapped } } };
    }
    default:
      return event;
  }
}
