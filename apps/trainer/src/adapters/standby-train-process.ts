import { startProcessGroup, type GroupCommand, type GroupExit, type ProcessGroup } from '@aero/process';
import type { Logger } from '@aero/service-kit';

/** The line the engine's `train --standby` prints on stdout after each job it finished (STANDBY_JOB_DONE there). */
const JOB_DONE_LINE = '{"event":"standby_job_done"}';

/** A job running in the standby process: `finished` is 'done' when it finished and the process waits for the next. */
export interface StandbyJob {
  group: ProcessGroup;
  finished: Promise<'done' | GroupExit>;
}

interface Standby {
  group: ProcessGroup;
  exit: GroupExit | undefined;
  /** Resolves the running job's `finished` with 'done'; undefined while no job runs. */
  jobDone: (() => void) | undefined;
}

/**
 * One `train --standby` process of the embedded engine, kept for job after job: it loads its code
 * and worker threads once (0.4 s of every job's start otherwise) and trains each config handed to
 * it on stdin exactly as `train CONFIG.yaml` would. A job that fails, or is cancelled, ends the
 * process with it, as it would end its own; prepare() then starts another. Only this class starts
 * it, so it stops it; while a job runs in it, the job's cancel stops its process group.
 */
export class StandbyTrainProcess {
  private current: Standby | undefined;
  private starting: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly command: GroupCommand,
    private readonly graceMs: number,
    private readonly log: Logger,
  ) {}

  /** Starts one in the background unless one is there (idle, busy or starting). */
  prepare(): void {
    if (this.stopped || this.starting || (this.current && !this.current.exit)) return;
    this.starting = this.start().finally(() => (this.starting = undefined));
  }

  /**
   * Runs the job whose stdin line is `handoff` in the standby process; undefined when none is idle,
   * and the caller starts the job's own process as before.
   */
  async take(handoff: string): Promise<StandbyJob | undefined> {
    await this.starting;
    const standby = this.current;
    if (!standby || standby.exit || standby.jobDone || !standby.group.stdin) return undefined;
    const done = new Promise<'done'>((resolve) => (standby.jobDone = () => resolve('done')));
    standby.group.stdin.write(handoff + '\n');
    return { group: standby.group, finished: Promise.race([done, standby.group.exited]) };
  }

  /** Stops the process, idle or not, and any later prepare() starts nothing. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting;
    await this.current?.group.stop(this.graceMs);
  }

  private async start(): Promise<void> {
    const group = await startProcessGroup(this.command, { stdin: 'pipe', stdout: 'pipe', stderr: 'pipe' });
    const standby: Standby = { group, exit: undefined, jobDone: undefined };
    let pending = '';
    group.stdout?.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      if (lines.some((line) => line.trim() === JOB_DONE_LINE)) {
        const done = standby.jobDone;
        standby.jobDone = undefined;
        done?.();
      }
    });
    // Read while idle too, so that nothing it writes between jobs fills its pipe.
    group.stderr?.resume();
    void group.exited.then((exit) => {
      standby.exit = exit;
      // During a job the exit is the job's to report.
      if (!standby.jobDone && !this.stopped) this.log.warn('standby train process exited between jobs', { pid: group.pid, ...exit });
    });
    this.current = standby;
    if (this.stopped) {
      await group.stop(this.graceMs);
      return;
    }
    this.log.info('standby train process ready', { pid: group.pid });
  }
}
