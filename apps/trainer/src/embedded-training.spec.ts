import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { status as Status } from '@grpc/grpc-js';
import { BuildDatasetRequest, CancelJobRequest, GetJobRequest, JobState, TrainerServiceClient, TrainRequest } from '@aero/contracts';
import { isRunning } from '@aero/process';
import { streamCall, unaryCall } from '@aero/service-kit';
import { collectTrain } from './testing/collect-train';
import { fixtureRound } from './testing/kto-example';
import { jobLogPids, standbyPids } from './testing/logged-pids';
import { processesMentioning } from './testing/processes-mentioning';
import { askServedModel } from './testing/serve-model';
import { startTrainer, type RunningTrainer } from './testing/start-trainer';
import { FAST_TRAINING, LONG_TRAINING } from './testing/test-hyperparameters';
import { trainerEnv } from './testing/trainer-env';
import { baseModelForTests } from './testing/base-model-for-tests';
import { writeRun } from './testing/write-run';

jest.setTimeout(90_000);

describe('embedded backend: Train runs the embedded engine for real', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trainer-embedded-'));
  const runsDir = path.join(dir, 'runs');
  let trainer: RunningTrainer;
  let client: TrainerServiceClient;
  let base: string;
  const build = (round: number) => unaryCall(client.buildDataset.bind(client), BuildDatasetRequest.fromPartial({ run_id: 'run-e', round }));
  const getJob = async (id: string) => (await unaryCall(client.getJob.bind(client), GetJobRequest.fromPartial({ job_id: id }))).job!;

  beforeAll(async () => {
    writeRun(runsDir, 'run-e', [fixtureRound(1), fixtureRound(2), fixtureRound(3)]);
    [base, trainer] = await Promise.all([baseModelForTests(dir), startTrainer(trainerEnv(dir, { AERO__TRAINING__CANCEL_GRACE_S: '2' }))]);
    client = trainer.client;
  });
  afterAll(async () => {
    await trainer?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('streams progress from trainer_log.jsonl and ends with a published checkpoint that the engine serves', async () => {
    const dataset = await build(2); // staggered round 2: 6 records, so 3 steps per epoch
    expect(dataset.total).toBe(6);
    const { messages, error } = await collectTrain(
      client,
      TrainRequest.fromPartial({ run_id: 'run-e', round: 2, dataset: dataset.dataset, base_model: base, hyperparameters: FAST_TRAINING }),
    );
    expect(error).toBeUndefined();
    const jobs = messages.map((m) => m.job!);
    const steps = jobs.filter((j) => j.progress).map((j) => j.progress!.current_steps);
    expect(steps[steps.length - 1]).toBe(6);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(jobs.every((j) => !j.progress || j.progress.total_steps === 6)).toBe(true);

    const last = jobs[jobs.length - 1];
    const jobDir = path.join(runsDir, 'run-e', 'training', 'r2');
    expect(last).toMatchObject({ id: 'run-e-r2', run_id: 'run-e', round: 2, state: JobState.JOB_STATE_SUCCEEDED, model_path: path.join(jobDir, 'model'), error: '' });
    expect(last.progress).toMatchObject({ current_steps: 6, total_steps: 6, percentage: 100, epoch: 2 });
    expect(last.metrics.total_steps).toBe(6);
    expect(last.metrics.train_loss).toBeGreaterThan(0);
    expect(jobs.slice(0, -1).every((j) => j.model_path === '')).toBe(true);
    expect(fs.readFileSync(last.config_path, 'utf8')).toContain('stage: "kto"');
    expect(fs.readFileSync(last.log_path, 'utf8')).toContain('"event":"train_done"');
    expect(fs.readdirSync(jobDir).sort()).toEqual(['job.json', 'model', 'train.log', 'train.yaml']);
    expect(await getJob('run-e-r2')).toEqual(last);

    const served = await askServedModel(last.model_path, 'Solve 2+2\n');
    expect(served.status).toBe(200);
    expect(served.choices).toHaveLength(2);
  });

  it('runs job after job in the one standby process it started before them, which waits for the next', async () => {
    const ready = standbyPids(trainer.service.stderr());
    const logs: string[] = [];
    for (const round of [2, 3]) {
      const dataset = await build(round);
      const { error, messages } = await collectTrain(
        client,
        TrainRequest.fromPartial({ run_id: 'run-e', round, dataset: dataset.dataset, base_model: base, hyperparameters: FAST_TRAINING }),
      );
      expect(error).toBeUndefined();
      expect(messages.at(-1)?.job?.state).toBe(JobState.JOB_STATE_SUCCEEDED);
      logs.push(path.join(runsDir, 'run-e', 'training', `r${round}`, 'train.log'));
    }
    for (const log of logs) expect(fs.readFileSync(log, 'utf8')).toContain('embedded engine train, in the standby process <<< {"config":');
    const pids = logs.flatMap(jobLogPids);
    expect(pids).toEqual([ready.at(-1), ready.at(-1)]);
    expect(isRunning(pids[0])).toBe(true);
    expect(standbyPids(trainer.service.stderr())).toEqual(ready);
  });

  it('cancels a running job: its whole process tree is gone and the stream ends CANCELLED', async () => {
    const dataset = await build(1);
    const jobDir = path.join(runsDir, 'run-e', 'training', 'r1');
    const request = TrainRequest.fromPartial({ run_id: 'run-e', round: 1, dataset: dataset.dataset, base_model: base, hyperparameters: LONG_TRAINING });
    let cancelled: Promise<unknown> | undefined;
    let cancelMs = 0;
    const { messages, error } = await collectTrain(client, request, (m) => {
      if (m.job?.progress && !cancelled) {
          const started = Date.now();
          cancelled = unaryCall(client.cancelJob.bind(client), CancelJobRequest.fromPartial({ job_id: 'run-e-r1' })).finally(() => (cancelMs = Date.now() - started));
        }
    });
    expect(error?.code).toBe(Status.CANCELLED);
    expect(messages.some((m) => m.job?.state === JobState.JOB_STATE_RUNNING)).toBe(true);
    expect(await cancelled).toMatchObject({ job: { state: JobState.JOB_STATE_CANCELLED, model_path: '' } });
    // Within the 2 s grace period plus start-up noise: nothing was left to wait for.
    expect(cancelMs).toBeLessThan(8000);
    expect(processesMentioning(jobDir)).toEqual([]);
    // The job ran in the standby process, whose command line does not name the job's folder.
    const pids = jobLogPids(path.join(jobDir, 'train.log'));
    expect(pids).toHaveLength(1);
    expect(pids.filter(isRunning)).toEqual([]);
    expect(fs.existsSync(path.join(jobDir, 'model'))).toBe(false);
    expect((await getJob('run-e-r1')).error).toContain('was cancelled by CancelJob');
  });

  it('cancels the job when the caller of Train goes away', async () => {
    const dataset = await build(3);
    const jobDir = path.join(runsDir, 'run-e', 'training', 'r3');
    const request = TrainRequest.fromPartial({ run_id: 'run-e', round: 3, dataset: dataset.dataset, base_model: base, hyperparameters: LONG_TRAINING });
    const caller = new AbortController();
    for await (const message of streamCall(client.train.bind(client), request, { signal: caller.signal })) {
      if (message.job?.progress) break;
    }
    let job = await getJob('run-e-r3');
    for (let i = 0; i < 100 && job.state !== JobState.JOB_STATE_CANCELLED; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = await getJob('run-e-r3');
    }
    expect(job.state).toBe(JobState.JOB_STATE_CANCELLED);
    expect(job.error).toContain('was cancelled because its Train call ended (cancelled by the caller)');
    expect(processesMentioning(jobDir)).toEqual([]);
    expect(jobLogPids(path.join(jobDir, 'train.log')).filter(isRunning)).toEqual([]);
  });

  // How a resume restarts a job it just stopped: CancelJob, and Train for the same job at once, not
  // waiting for the cancel's answer, while the old job's processes may still be going.
  it('trains a job again right after CancelJob: the new Train waits until the cancelled attempt has stopped', async () => {
    const dataset = await build(1);
    const request = (hyperparameters: typeof FAST_TRAINING) =>
      TrainRequest.fromPartial({ run_id: 'run-e', round: 1, dataset: dataset.dataset, base_model: base, hyperparameters });
    let training: () => void = () => undefined;
    const trains = new Promise<void>((resolve) => (training = resolve));
    const first = collectTrain(client, request(LONG_TRAINING), (m) => {
      if (m.job?.progress) training();
    });
    await trains;
    // Still running and not cancelled: refused, and left alone.
    const refused = await collectTrain(client, request(FAST_TRAINING));
    expect([refused.error?.code, refused.error?.details]).toEqual([Status.FAILED_PRECONDITION, 'job run-e-r1 is already JOB_STATE_RUNNING; cancel it first']);
    const cancelled = unaryCall(client.cancelJob.bind(client), CancelJobRequest.fromPartial({ job_id: 'run-e-r1' }));
    const again = await collectTrain(client, request(FAST_TRAINING));
    expect((await first).error?.code).toBe(Status.CANCELLED);
    expect((await cancelled).job?.state).toBe(JobState.JOB_STATE_CANCELLED);
    expect(again.error).toBeUndefined();
    expect(again.messages.at(-1)?.job).toMatchObject({ state: JobState.JOB_STATE_SUCCEEDED, model_path: path.join(runsDir, 'run-e', 'training', 'r1', 'model') });
  });

  it('stops its running jobs when the service itself is stopped (SIGTERM), leaving no training behind', async () => {
    const dataset = await build(1);
    const other = await startTrainer(trainerEnv(dir, { AERO__TRAINING__CANCEL_GRACE_S: '2' }));
    try {
      const jobDir = path.join(runsDir, 'run-e', 'training', 'r1');
      const request = TrainRequest.fromPartial({ run_id: 'run-e', round: 1, dataset: dataset.dataset, base_model: base, hyperparameters: LONG_TRAINING });
      const { error } = await collectTrain(other.client, request, (m) => {
        if (m.job?.progress) void other.service.stop(10_000);
      });
      expect(error?.code).toBe(Status.CANCELLED);
      expect((await other.service.process).exitCode).toBe(0);
      expect(processesMentioning(jobDir)).toEqual([]);
      // Neither the job's process nor a standby waiting for the next job outlives the service.
      const pids = [...jobLogPids(path.join(jobDir, 'train.log')), ...standbyPids(other.service.stderr())];
      expect(pids.length).toBeGreaterThanOrEqual(1);
      expect(pids.filter(isRunning)).toEqual([]);
      const recorded = JSON.parse(fs.readFileSync(path.join(jobDir, 'job.json'), 'utf8'));
      expect(recorded).toMatchObject({ state: 'JOB_STATE_CANCELLED', error: expect.stringContaining('the trainer is shutting down') });
    } finally {
      await other.stop();
    }
  });

  it('fails with FAILED_PRECONDITION and the log tail when the engine cannot load the base model', async () => {
    const notAModel = fs.mkdtempSync(path.join(dir, 'empty-'));
    const { error } = await collectTrain(
      client,
      TrainRequest.fromPartial({ run_id: 'run-e', round: 2, dataset: 'aero_r2', base_model: notAModel, hyperparameters: FAST_TRAINING }),
    );
    expect(error?.code).toBe(Status.FAILED_PRECONDITION);
    expect(error?.details).toContain('embedded engine train exited with code 1 before the first training step; last lines of');
    expect(error?.details).toContain(`checkpoint file not found: ${notAModel}/config.json`);
    const job = await getJob('run-e-r2');
    expect(job).toMatchObject({ state: JobState.JOB_STATE_FAILED, model_path: '' });
    expect(job.error).toBe(error?.details);
  });
});
