import * as path from 'node:path';
import { Job, JobState, type TrainProgress } from '@aero/contracts';
import { FileWriteError, writeFileAtomic, type FileSystem } from '@aero/files';
import { portableJobPaths } from '../domain/job-file-paths';
import { TrainerError } from '../domain/trainer-error';
import { writeFailure } from '../domain/write-failure';

const TERMINAL = new Set([JobState.JOB_STATE_SUCCEEDED, JobState.JOB_STATE_FAILED, JobState.JOB_STATE_CANCELLED]);

export function isTerminal(state: JobState): boolean {
  return TERMINAL.has(state);
}

/**
 * One training job as the service tracks it: the Job message, the watchers streaming it, and the
 * switch that cancels it. Every state change is also written to the job's job.json; a change that
 * cannot be written fails the job instead, and stops it, because after a restart nobody could tell
 * what became of it.
 */
export class TrainingJob {
  readonly abort = new AbortController();
  /** Settles when the job has reached a terminal state and its processes are gone. */
  done: Promise<void> = Promise.resolve();
  private job: Job;
  private failure: TrainerError | undefined;
  private readonly watchers = new Set<() => void>();

  constructor(
    init: Pick<Job, 'id' | 'run_id' | 'round' | 'config_path' | 'log_path' | 'warnings'>,
    private readonly jobFile: string,
    private readonly files?: FileSystem,
  ) {
    this.job = this.recorded(Job.fromPartial({ ...init, state: JobState.JOB_STATE_QUEUED }));
  }

  get id(): string {
    return this.job.id;
  }

  get state(): JobState {
    return this.job.state;
  }

  get progressed(): boolean {
    return this.job.progress !== undefined;
  }

  snapshot(): Job {
    return Job.fromPartial(this.job);
  }

  running(): void {
    this.change({ state: JobState.JOB_STATE_RUNNING });
  }

  progress(progress: TrainProgress): void {
    this.change({ progress }, false);
  }

  succeeded(modelPath: string, metrics: Record<string, number>): void {
    this.change({ state: JobState.JOB_STATE_SUCCEEDED, model_path: modelPath, metrics });
  }

  /** Ends the job with `error`: FAILED, or CANCELLED when the error says so. */
  ended(error: TrainerError): void {
    if (isTerminal(this.job.state)) return;
    this.failure = error;
    this.change({ state: error.kind === 'cancelled' ? JobState.JOB_STATE_CANCELLED : JobState.JOB_STATE_FAILED, error: error.message });
  }

  /**
   * The job now, then after every change, until it ends: a successful job's last message is
   * SUCCEEDED; a failed or cancelled one ends the iteration with its error instead.
   */
  async *updates(): AsyncGenerator<Job> {
    const queue: Job[] = [this.snapshot()];
    let wake: (() => void) | undefined;
    const watcher = () => {
      queue.push(this.snapshot());
      wake?.();
    };
    this.watchers.add(watcher);
    try {
      for (;;) {
        for (let next = queue.shift(); next; next = queue.shift()) {
          if (next.state === JobState.JOB_STATE_FAILED || next.state === JobState.JOB_STATE_CANCELLED) throw this.failure;
          yield next;
          if (next.state === JobState.JOB_STATE_SUCCEEDED) return;
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      this.watchers.delete(watcher);
    }
  }

  private change(update: Partial<Job>, persist = true): void {
    if (isTerminal(this.job.state)) return;
    const next = { ...this.job, ...update };
    this.job = persist ? this.recorded(next) : next;
    for (const watcher of this.watchers) watcher();
  }

  /** `job` once job.json holds it; else the job failed with why it could not be written. */
  private recorded(job: Job): Job {
    try {
      writeFileAtomic(this.jobFile, JSON.stringify(Job.toJSON(portableJobPaths(job, path.dirname(this.jobFile))), null, 2) + '\n', this.files);
      return job;
    } catch (error) {
      if (!(error instanceof FileWriteError)) throw error;
      this.failure = writeFailure(error);
      this.abort.abort(this.failure);
      return { ...job, state: JobState.JOB_STATE_FAILED, model_path: '', error: this.failure.message };
    }
  }
}
