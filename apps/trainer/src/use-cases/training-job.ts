import { Job, JobState, type TrainProgress } from '@aero/contracts';
import { writeFileAtomic } from '@aero/files';
import { TrainerError } from '../domain/trainer-error';

const TERMINAL = new Set([JobState.JOB_STATE_SUCCEEDED, JobState.JOB_STATE_FAILED, JobState.JOB_STATE_CANCELLED]);

export function isTerminal(state: JobState): boolean {
  return TERMINAL.has(state);
}

/**
 * One training job as the service tracks it: the Job message, the watchers streaming it, and the
 * switch that cancels it. Every state change is also written to the job's job.json.
 */
export class TrainingJob {
  readonly abort = new AbortController();
  /** Settles when the job has reached a terminal state and its processes are gone. */
  done: Promise<void> = Promise.resolve();
  private readonly job: Job;
  private failure: TrainerError | undefined;
  private readonly watchers = new Set<() => void>();

  constructor(
    init: Pick<Job, 'id' | 'run_id' | 'round' | 'config_path' | 'log_path' | 'warnings'>,
    private readonly jobFile: string,
  ) {
    this.job = Job.fromPartial({ ...init, state: JobState.JOB_STATE_QUEUED });
    this.persist();
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
    this.change(() => (this.job.state = JobState.JOB_STATE_RUNNING));
  }

  progress(progress: TrainProgress): void {
    this.change(() => (this.job.progress = progress), false);
  }

  succeeded(modelPath: string, metrics: Record<string, number>): void {
    this.change(() => {
      this.job.state = JobState.JOB_STATE_SUCCEEDED;
      this.job.model_path = modelPath;
      this.job.metrics = metrics;
    });
  }

  /** Ends the job with `error`: FAILED, or CANCELLED when the error says so. */
  ended(error: TrainerError): void {
    this.failure = error;
    this.change(() => {
      this.job.state = error.kind === 'cancelled' ? JobState.JOB_STATE_CANCELLED : JobState.JOB_STATE_FAILED;
      this.job.error = error.message;
    });
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

  private change(apply: () => void, persist = true): void {
    if (isTerminal(this.job.state)) return;
    apply();
    if (persist) this.persist();
    for (const watcher of this.watchers) watcher();
  }

  private persist(): void {
    writeFileAtomic(this.jobFile, JSON.stringify(Job.toJSON(this.job), null, 2) + '\n');
  }
}
