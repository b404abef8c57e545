import * as fs from 'node:fs';
import * as path from 'node:path';
import { isHubModelId, type AeroConfig, type RoleBudget, type TrainedRole } from '@aero/config';
import { Job, JobState, type KtoHyperparameters } from '@aero/contracts';
import { freePort, startProcessGroup } from '@aero/process';
import type { Logger } from '@aero/service-kit';
import { JobLog } from '../adapters/job-log';
import { readMetrics } from '../adapters/read-metrics';
import type { RunStore } from '../adapters/run-store';
import type { StandbyTrainProcess } from '../adapters/standby-train-process';
import { TrainerLogFollower } from '../adapters/trainer-log-follower';
import { writeFileAtomic, type FileSystem } from '@aero/files';
import { cutoffWarnings } from '../domain/cutoff-warnings';
import { describeGlobalBatch, globalBatch } from '../domain/global-batch';
import { JobId } from '../domain/job-id';
import { resolveJobPaths } from '../domain/job-file-paths';
import { jobFailure } from '../domain/job-failure';
import { jobPaths, type JobPaths } from '../domain/job-paths';
import { ktoSettings } from '../domain/kto-settings';
import { tailLines } from '../domain/tail-lines';
import { TrainerError } from '../domain/trainer-error';
import { writeFailure } from '../domain/write-failure';
import { trainingPlan, type CommandStep, type EngineCommand, type TrainingPlan } from '../domain/training-plan';
import { JobSlots } from './job-slots';
import { isTerminal, TrainingJob } from './training-job';

export interface TrainJobRequest {
  runId: string;
  round: number;
  dataset: string;
  baseModel: string;
  hyperparameters?: KtoHyperparameters;
}

export interface TrainingJobsDeps {
  store: RunStore;
  config: AeroConfig;
  engine: EngineCommand;
  /** How long the run's examples can be (aero.max_tokens and the prompt templates), for the cutoff_len check. */
  budgets: Record<TrainedRole, RoleBudget>;
  log: Logger;
  /** Where the job's configs and job.json are written; node:fs unless a test fills the disk. */
  files?: FileSystem;
  /** A process started ahead of the next job that a step with a handoff runs in (embedded backend). */
  standby?: StandbyTrainProcess;
}

const PROGRESS_POLL_MS = 200;
// What a cancelled job's processes may take beyond cancel_grace_s: the SIGKILL and reaping of what is left (up to 5 s) and closing its log.
const STOPPING_MARGIN_MS = 10_000;

/**
 * The Train, GetJob and CancelJob use cases: starts a job's commands one after another in their own
 * process groups, streams the progress the trainer logs, publishes the model only when every step
 * finished, and stops exactly the job's processes on cancel or shutdown.
 */
export class TrainingJobs {
  private readonly jobs = new Map<string, TrainingJob>();
  private readonly slots: JobSlots;

  constructor(private readonly deps: TrainingJobsDeps) {
    this.slots = new JobSlots(deps.config.training.max_concurrent_jobs);
  }

  /** Checks what the job needs, writes its configs and queues it; throws before anything runs if it cannot. */
  async start(request: TrainJobRequest): Promise<TrainingJob> {
    const { store, config } = this.deps;
    const id = JobId.format(request.runId, request.round);
    await this.ending(id);
    const { master_port: port, master_addr: host } = config.training.llamafactory;
    // 0: a port free now on the rendezvous host (this one: several nodes need it configured).
    const masterPort = config.training.backend === 'llamafactory' && port === 0 ? await freePort(host) : port;
    const current = this.jobs.get(id);
    if (current && !isTerminal(current.state)) {
      throw new TrainerError('failed_precondition', `job ${id} is already ${JobState[current.state]}; cancel it first`);
    }
    const runDir = store.runDir(request.runId);
    const datasetDir = store.requireDataset(request.runId, request.dataset);
    const paths = jobPaths(runDir, request.round);
    const settings = ktoSettings(config.training.kto, config.aero.seed, request.hyperparameters);
    const plan = trainingPlan({
      jobId: id,
      training: config.training,
      chatTemplate: config.engine.chat_template,
      masterPort,
      baseModel: this.baseModel(request.baseModel, paths),
      dataset: request.dataset,
      datasetDir,
      paths,
      settings,
      engine: this.deps.engine,
    });
    const warnings = cutoffWarnings(store.readDataset(request.runId, request.dataset), settings.cutoff_len, this.deps.budgets);
    this.deps.log.info('training job', { job: id, global_batch: describeGlobalBatch(globalBatch(config.training, settings)), master_port: masterPort });
    for (const warning of warnings) this.deps.log.warn('training data', { job: id, warning });

    // A new attempt replaces everything a previous attempt of this job left behind.
    fs.rmSync(paths.jobDir, { recursive: true, force: true });
    for (const file of plan.files) writeFileAtomic(file.path, file.content, this.deps.files);
    const job = new TrainingJob(
      { id, run_id: request.runId, round: request.round, config_path: paths.trainConfig, log_path: paths.log, warnings },
      paths.jobFile,
      this.deps.files,
    );
    this.jobs.set(id, job);
    job.done = this.run(job, plan, paths);
    return job;
  }

  /** The job from memory, else as its job.json last recorded it. */
  get(id: string): Job {
    const job = this.jobs.get(id);
    if (job) return job.snapshot();
    const parsed = JobId.parse(id);
    if (!parsed) throw new TrainerError('not_found', `job ${id} not found`);
    const file = jobPaths(this.deps.store.runDir(parsed.runId), parsed.round).jobFile;
    if (!fs.existsSync(file)) throw new TrainerError('not_found', `job ${id} not found`);
    const recorded = resolveJobPaths(Job.fromJSON(JSON.parse(fs.readFileSync(file, 'utf8'))), path.dirname(file));
    if (isTerminal(recorded.state)) return recorded;
    // Not terminal on disk but unknown here: the service stopped while the job ran.
    return { ...recorded, state: JobState.JOB_STATE_FAILED, error: `job ${id} was interrupted: the trainer stopped while it ran` };
  }

  /** Stops a queued or running job and waits until its processes are gone; a finished job is returned as it is. */
  async cancel(id: string, reason = 'was cancelled by CancelJob'): Promise<Job> {
    const job = this.jobs.get(id);
    if (!job) return this.get(id);
    if (!isTerminal(job.state)) {
      job.abort.abort(new TrainerError('cancelled', `job ${id} ${reason}`));
      await job.done;
    }
    return job.snapshot();
  }

  /** Cancels every job that has not ended (the service is stopping): no training outlives it. */
  async shutdown(): Promise<void> {
    await Promise.all([
      ...[...this.jobs.values()].map((job) => this.cancel(job.id, 'was stopped: the trainer is shutting down')),
      this.deps.standby?.stop(),
    ]);
  }

  /**
   * Waits until a job of `id` that is ending has ended, its processes gone: a resume sends Train for
   * the job again right after cancelling it, and the job of a Train call that ended (its caller went
   * away) stops with nobody waiting for it. Restarting it then works whatever came first. A job that
   * runs on, not cancelled, is not waited for: start refuses it. Past the bound (the grace period
   * plus a margin) the processes will not go by themselves, and the caller is told so.
   */
  private async ending(id: string): Promise<void> {
    const job = this.jobs.get(id);
    if (!job || !(job.abort.signal.aborted || isTerminal(job.state))) return;
    const boundMs = this.deps.config.training.cancel_grace_s * 1000 + STOPPING_MARGIN_MS;
    if (await settlesWithin(job.done, boundMs)) return;
    throw new TrainerError('failed_precondition', `job ${id} is still stopping ${boundMs / 1000} s after this request came: its processes have not exited (see ${job.snapshot().log_path}); try again later`);
  }

  private baseModel(baseModel: string, paths: JobPaths): string {
    if (path.isAbsolute(baseModel)) {
      const resolved = path.resolve(baseModel);
      if (!fs.statSync(resolved, { throwIfNoEntry: false })?.isDirectory()) {
        throw new TrainerError('failed_precondition', `base_model ${resolved} is not a model folder`);
      }
      if (!path.relative(paths.jobDir, resolved).startsWith('..')) {
        throw new TrainerError('failed_precondition', `base_model ${resolved} lies inside the job's own folder, which a new attempt replaces`);
      }
      return resolved;
    }
    if (this.deps.config.training.backend === 'llamafactory' && isHubModelId(baseModel)) return baseModel;
    const accepted = this.deps.config.training.backend === 'llamafactory' ? 'an absolute model folder path or a hub id "owner/name"' : 'an absolute model folder path';
    throw new TrainerError('invalid_argument', `invalid base_model: must be ${accepted}`, 'base_model');
  }

  private async run(job: TrainingJob, plan: TrainingPlan, paths: JobPaths): Promise<void> {
    let release: (() => void) | undefined;
    // A job whose output cannot be logged (a full disk) is stopped: its failure could not be explained.
    const log = new JobLog(paths.log, (error) => job.abort.abort(writeFailure(error)));
    const follower = new TrainerLogFollower(paths.trainerLog, (progress) => job.progress(progress));
    try {
      release = await this.slots.acquire(job.abort.signal);
      job.running();
      follower.start(PROGRESS_POLL_MS);
      for (const step of plan.steps) await this.runStep(job, step, paths, log, follower);
      this.throwIfCancelled(job);
      follower.complete(paths.trainerState);
      const metrics = readMetrics(path.join(paths.outputDir, 'all_results.json'));
      fs.renameSync(plan.modelSource, paths.modelDir);
      job.succeeded(paths.modelDir, metrics);
      // A success that job.json could not record failed the job instead.
      this.throwIfCancelled(job);
      this.deps.log.info('training job succeeded', { job: job.id, model: paths.modelDir });
    } catch (error) {
      const reason = job.abort.signal.aborted ? job.abort.signal.reason : error;
      const ended = reason instanceof TrainerError ? reason : new TrainerError('internal', `job ${job.id}: ${(reason as Error).message}`);
      job.ended(ended);
      this.deps.log.warn('training job ended', { job: job.id, state: JobState[job.state], error: ended.message });
    } finally {
      follower.stop();
      release?.();
      await log.close();
      // A standby that went with the job (it failed or was cancelled) is replaced now that the job
      // is over, not while it ran: its start-up would have taken CPU from the training.
      this.deps.standby?.prepare();
    }
  }

  private async runStep(job: TrainingJob, step: CommandStep, paths: JobPaths, log: JobLog, follower: TrainerLogFollower): Promise<void> {
    this.throwIfCancelled(job);
    const grace = this.deps.config.training.cancel_grace_s * 1000;
    const warm = step.handoff === undefined ? undefined : await this.deps.standby?.take(step.handoff);
    const group = warm?.group ?? (await startProcessGroup({ ...step, cwd: paths.jobDir }, { stdout: 'pipe', stderr: 'pipe' }));
    // The pid, so that whoever reads the log can tell whether the job's process is still there.
    const pid = group.pid === undefined ? '' : `[pid ${group.pid}] `;
    log.write(warm ? `$ ${pid}${step.label}, in the standby process <<< ${step.handoff}\n` : `$ ${pid}${[step.file, ...step.args].join(' ')}\n`);
    const write = (chunk: Buffer) => log.write(chunk);
    for (const output of [group.stdout, group.stderr]) output?.on('data', write);
    const stop = () => void group.stop(grace);
    job.abort.signal.addEventListener('abort', stop, { once: true });
    const finished = warm ? await warm.finished : await group.exited;
    // Whatever the leader left running (a launcher's workers) goes with it; a standby that finished the
    // job stays for the next one.
    if (finished !== 'done') await group.stop(grace);
    for (const output of [group.stdout, group.stderr]) output?.off('data', write);
    job.abort.signal.removeEventListener('abort', stop);
    this.throwIfCancelled(job);
    const exit = finished === 'done' ? { exitCode: 0 } : finished;
    if (exit.spawnError) {
      throw new TrainerError('failed_precondition', `job ${job.id}: cannot start ${step.file} (${exit.spawnError}); is it installed and on PATH?`);
    }
    follower.poll();
    const tail = () => tailLines(log.recent(), this.deps.config.training.log_tail_lines);
    if (exit.exitCode !== 0 || exit.signal) {
      throw jobFailure({ jobId: job.id, command: step.label, exitCode: exit.exitCode, signal: exit.signal, progressed: job.progressed, logPath: paths.log, tail: tail() });
    }
    const missing = step.completionMarkers.filter((file) => !fs.existsSync(file));
    if (missing.length > 0) {
      throw new TrainerError('internal', `job ${job.id}: ${step.label} ${finished === 'done' ? 'finished' : 'exited 0'} but did not write ${missing.join(', ')}; last lines of ${paths.log}:\n${tail()}`);
    }
  }

  private throwIfCancelled(job: TrainingJob): void {
    if (job.abort.signal.aborted) throw job.abort.signal.reason;
  }
}

/** Whether `promise` settles within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, ms, false)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
