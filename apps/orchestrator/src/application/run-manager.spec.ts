import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { status as Status } from '@grpc/grpc-js';
import { GetStatusResponse, InstanceState, Job, JobState, RunState, SolveResponse } from '@aero/contracts';
import { failingFileSystem } from '@aero/files';
import { createLogger, type RpcError } from '@aero/service-kit';
import type { AeroServices } from '../adapters/aero-services';
import { RunStore } from '../adapters/run-store';
import { StoreLock } from '../adapters/store-lock';
import { journalBuilder } from '../testing/run-fixtures';
import { writeTestConfig } from '../testing/test-config';
import { writeRunFixture } from '../testing/write-run-fixture';
import { RunManager } from './run-manager';

// The baseline evaluation of a run, against services that answer every problem: its results file,
// and in the second case the journal too, meet a full disk.
describe('RunManager on a full disk', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-manager-'));
  const model = path.join(dir, 'model');
  fs.mkdirSync(model);
  const configFile = writeTestConfig(dir, { dir: model, contextLength: 1024 });
  const runsDir = path.join(dir, 'runs');
  const evaluation = (id: string) => path.join(runsDir, id, 'rounds', '0', 'evaluations', 'arithmetic.jsonl');
  const services = {
    servingStatus: async () => GetStatusResponse.fromPartial({ checkpoint: model, instances: [{ state: InstanceState.INSTANCE_STATE_READY }] }),
    solve: async () => SolveResponse.fromPartial({ samples: [{ text: '2', answer: '2', parsed: true }] }),
    equivalent: async () => true,
    metricsUrl: () => '',
  } as unknown as AeroServices;
  let full: (file: string) => boolean = () => false;
  const logged: string[] = [];
  const runs = new RunManager({
    store: new RunStore(runsDir, failingFileSystem((file) => full(file))),
    lock: new StoreLock(runsDir),
    services: async () => services,
    configFile,
    log: createLogger({}, 'error', (line) => logged.push(line)),
    code: { git_commit: 'c0ffee'.padEnd(40, '0'), git_dirty: true },
  });
  afterAll(async () => {
    await runs.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Starts a run and waits until it is no longer driven. */
  const drive = async (id: string) => {
    runs.start(id, {});
    for await (const _ of runs.watch(id, 0, new AbortController().signal));
    return runs.get(id);
  };
  const resumable = async (id: string) => {
    full = () => false;
    expect(runs.resume(id).state).toBe(RunState.RUN_STATE_RUNNING);
    expect((await runs.cancel(id)).state).toBe(RunState.RUN_STATE_CANCELLED);
  };

  it('fails the run with "disk full: <file>" and resumes it', async () => {
    full = (file) => file.startsWith(evaluation('full-results'));
    expect(await drive('full-results')).toMatchObject({ state: RunState.RUN_STATE_FAILED, error: `disk full: ${evaluation('full-results')}` });
    await resumable('full-results');
  });

  it("records in run.json the orchestrator's commit and what the base checkpoint says about itself", async () => {
    fs.writeFileSync(path.join(model, 'manifest.json'), JSON.stringify({ weights_sha256: 'ab'.repeat(32) }));
    fs.writeFileSync(path.join(model, 'config.json'), JSON.stringify({ provenance: { kind: 'pretrain', seed: 2 } }));
    await drive('versioned');
    expect(new RunStore(runsDir).readMeta('versioned').versions).toEqual({
      git_commit: 'c0ffee'.padEnd(40, '0'),
      git_dirty: true,
      base_weights_sha256: 'ab'.repeat(32),
      base_provenance: { kind: 'pretrain', seed: 2 },
    });
  });

  it('leaves a run whose failure the journal cannot take RUNNING on disk, and resumes it', async () => {
    let journalFull = false;
    full = (file) => {
      if (file.startsWith(evaluation('full-journal'))) journalFull = true;
      return journalFull;
    };
    expect(await drive('full-journal')).toMatchObject({ state: RunState.RUN_STATE_RUNNING });
    expect(logged.map((line) => JSON.parse(line))).toContainEqual(
      expect.objectContaining({ msg: 'the end of the run could not be recorded', cause: `disk full: ${path.join(runsDir, 'full-journal', 'journal.jsonl')}` }),
    );
    await resumable('full-journal');
  });
});

// A run resumed at its training step, against a trainer whose Train streams until it is cancelled
// and whose CancelJob takes a while to answer (or never confirms the stop).
describe('RunManager.cancel during training', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-manager-cancel-'));
  const runsDir = path.join(dir, 'runs');
  let training: () => void = () => undefined;
  let cancelJob: (jobId: string, deadline: Date) => Promise<Job | undefined> = async () => undefined;
  const services = {
    gatewayStatus: async () => GetStatusResponse.fromPartial({}),
    finishedJob: async () => undefined,
    async *train(_request: unknown, signal: AbortSignal) {
      yield Job.fromPartial({ state: JobState.JOB_STATE_RUNNING });
      training();
      await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('Cancelled on client')), { once: true }));
    },
    cancelJob: (jobId: string, deadline: Date) => cancelJob(jobId, deadline),
  } as unknown as AeroServices;
  const runs = new RunManager({ store: new RunStore(runsDir), lock: new StoreLock(runsDir), services: async () => services, log: createLogger({}, 'error') });
  afterAll(async () => {
    await runs.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Resumes the run `id` (its dataset built) and waits until its trainer job runs. */
  const resumeIntoTraining = async (id: string) => {
    writeRunFixture(runsDir, id, journalBuilder().state(RunState.RUN_STATE_RUNNING).evaluation(0, 0.4).generated(1, 0).dataset(1).state(RunState.RUN_STATE_CANCELLED).events);
    const trains = new Promise<void>((resolve) => (training = resolve));
    runs.resume(id);
    await trains;
  };

  it('cancels the trainer job it started and answers only once the trainer reports it stopped', async () => {
    const log: string[] = [];
    let bound = 0;
    cancelJob = async (jobId, deadline) => {
      bound = deadline.getTime() - Date.now();
      log.push(`cancel ${jobId}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      log.push('job stopped');
      return Job.fromPartial({ id: jobId, state: JobState.JOB_STATE_CANCELLED });
    };
    await resumeIntoTraining('stops');
    const run = await runs.cancel('stops');
    log.push('CancelRun answered');
    expect(log).toEqual(['cancel stops-r1', 'job stopped', 'CancelRun answered']);
    expect(run.state).toBe(RunState.RUN_STATE_CANCELLED);
    // cancel_grace_s (10 s by default) and the margin
    expect(bound).toBeGreaterThan(24_000);
    expect(bound).toBeLessThanOrEqual(25_000);
    expect(runs.resume('stops').state).toBe(RunState.RUN_STATE_RUNNING);
    await runs.cancel('stops');
  });

  it('answers DEADLINE_EXCEEDED, the run cancelled, when the trainer does not confirm the stop within the bound', async () => {
    cancelJob = async () => {
      throw Object.assign(new Error('4 DEADLINE_EXCEEDED: Deadline exceeded'), { code: Status.DEADLINE_EXCEEDED, details: 'Deadline exceeded' });
    };
    await resumeIntoTraining('unconfirmed');
    const failure = await runs.cancel('unconfirmed').catch((error: RpcError) => error);
    expect(failure).toMatchObject({
      code: Status.DEADLINE_EXCEEDED,
      message: 'run unconfirmed is cancelled, but trainer job unconfirmed-r1 was not confirmed stopped (it was still stopping after 25 s)',
    });
    expect(runs.get('unconfirmed')).toMatchObject({ state: RunState.RUN_STATE_CANCELLED, error: expect.stringContaining('not confirmed stopped') });
  });
});

// A run resumed at its training step, against a trainer that streams LLaMA-Factory's steps without
// KL and rewards, then, training ended, every step again with them (from its trainer_state.json).
describe('RunManager recording training progress', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-manager-progress-'));
  const runsDir = path.join(dir, 'runs');
  const running = (step: number, kto: { kl?: number; rewards_chosen?: number; rewards_rejected?: number } = {}) =>
    Job.fromPartial({ id: 'kto-r1', state: JobState.JOB_STATE_RUNNING, progress: { current_steps: step, total_steps: 2, loss: 0.7 - step / 10, lr: 0.001, ...kto } });
  const services = {
    gatewayStatus: async () => GetStatusResponse.fromPartial({}),
    finishedJob: async () => undefined,
    async *train() {
      // Each step as the trainer streams it: a change of state repeats the step it is at.
      for (const job of [running(1), running(1), running(2), running(1, { kl: 0.01, rewards_chosen: 0.1, rewards_rejected: -0.1 }), running(2, { kl: 0.02, rewards_chosen: 0.2, rewards_rejected: -0.2 })]) yield job;
      yield { ...running(2, { kl: 0.02, rewards_chosen: 0.2, rewards_rejected: -0.2 }), state: JobState.JOB_STATE_SUCCEEDED, model_path: path.join(runsDir, 'kto/training/r1/model') };
    },
    // The step after training: serving the model, which this trainer-only fake ends the run at.
    servingStatus: async () => {
      throw new Error('no gateway in this test');
    },
  } as unknown as AeroServices;
  const runs = new RunManager({ store: new RunStore(runsDir), lock: new StoreLock(runsDir), services: async () => services, log: createLogger({}, 'error', () => undefined) });
  afterAll(async () => {
    await runs.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('journals each step once, then again each step the trainer completes with KL and rewards', async () => {
    writeRunFixture(runsDir, 'kto', journalBuilder().state(RunState.RUN_STATE_RUNNING).evaluation(0, 0.4).generated(1, 0).dataset(1).state(RunState.RUN_STATE_CANCELLED).events);
    runs.resume('kto');
    for await (const _ of runs.watch('kto', 0, new AbortController().signal));
    const journalled = new RunStore(runsDir).readEvents('kto').flatMap((e) => (e.event?.$case === 'training_progress' ? [e.event.value] : []));
    expect(journalled.map((p) => [p.current_steps, p.kl, p.rewards_chosen, p.rewards_rejected])).toEqual([
      [1, undefined, undefined, undefined],
      [2, undefined, undefined, undefined],
      [1, 0.01, 0.1, -0.1],
      [2, 0.02, 0.2, -0.2],
    ]);
    expect(runs.get('kto').round_summaries[0]?.train_loss).toBeCloseTo(0.5, 12);
  });
});
