import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Job, JobState, TrainProgress } from '@aero/contracts';
import { failingFileSystem, type FileSystem } from '@aero/files';
import { TrainerError } from '../domain/trainer-error';
import { TrainingJob } from './training-job';

const newJob = (files?: FileSystem) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trainer-job-')), 'job.json');
  const job = new TrainingJob({ id: 'run-r1', run_id: 'run', round: 1, config_path: '/c', log_path: '/l', warnings: [] }, file, files);
  const recorded = () => Job.fromJSON(JSON.parse(fs.readFileSync(file, 'utf8')));
  return { job, file, recorded };
};
const step = (n: number) => TrainProgress.fromPartial({ current_steps: n, total_steps: 3 });

describe('TrainingJob', () => {
  it('streams every change to a watcher and ends with SUCCEEDED', async () => {
    const { job, recorded } = newJob();
    const seen: Job[] = [];
    const watching = (async () => {
      for await (const update of job.updates()) seen.push(update);
    })();
    job.running();
    job.progress(step(1));
    job.progress(step(2));
    job.succeeded('/model', { train_loss: 0.5 });
    job.progress(step(3)); // after the end: ignored
    await watching;
    expect(seen.map((j) => [j.state, j.progress?.current_steps])).toEqual([
      [JobState.JOB_STATE_QUEUED, undefined],
      [JobState.JOB_STATE_RUNNING, undefined],
      [JobState.JOB_STATE_RUNNING, 1],
      [JobState.JOB_STATE_RUNNING, 2],
      [JobState.JOB_STATE_SUCCEEDED, 2],
    ]);
    expect(recorded()).toMatchObject({ state: JobState.JOB_STATE_SUCCEEDED, model_path: '/model', progress: { current_steps: 2 } });
  });

  it('ends a watcher with the error of a failed or cancelled job, and records it', async () => {
    for (const kind of ['internal', 'cancelled'] as const) {
      const { job, recorded } = newJob();
      const updates = job.updates();
      await updates.next();
      job.ended(new TrainerError(kind, `boom ${kind}`));
      await expect(updates.next()).rejects.toMatchObject({ kind, message: `boom ${kind}` });
      expect(recorded()).toMatchObject({
        state: kind === 'cancelled' ? JobState.JOB_STATE_CANCELLED : JobState.JOB_STATE_FAILED,
        error: `boom ${kind}`,
      });
    }
  });

  it('replays the current state to a watcher that joins late', async () => {
    const { job } = newJob();
    job.running();
    job.progress(step(2));
    const first = await job.updates().next();
    expect(first.value).toMatchObject({ state: JobState.JOB_STATE_RUNNING, progress: { current_steps: 2 } });
  });

  it('fails and stops a job whose change job.json cannot take, naming the file, and keeps that failure', async () => {
    let full = false;
    const { job, file, recorded } = newJob(failingFileSystem(() => full));
    const updates = job.updates();
    await updates.next();
    full = true;
    job.running();
    const diskFull = { kind: 'resource_exhausted', message: `disk full: ${file}` };
    await expect(updates.next()).rejects.toMatchObject(diskFull);
    expect(job.abort.signal.reason).toMatchObject(diskFull);
    job.ended(new TrainerError('cancelled', 'stopped after the failure'));
    expect(job.snapshot()).toMatchObject({ state: JobState.JOB_STATE_FAILED, error: diskFull.message });
    expect(recorded().state).toBe(JobState.JOB_STATE_QUEUED);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['job.json']);
  });

  it('starts FAILED, and stopped, when its first record cannot be written', async () => {
    const { job, file } = newJob(failingFileSystem(() => true));
    expect(job.snapshot()).toMatchObject({ state: JobState.JOB_STATE_FAILED, error: `disk full: ${file}` });
    expect(job.abort.signal.aborted).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual([]);
  });

  it('fails a job whose ending job.json cannot take, instead of throwing', async () => {
    let full = false;
    const { job, file } = newJob(failingFileSystem(() => full));
    full = true;
    expect(() => job.ended(new TrainerError('internal', 'training failed'))).not.toThrow();
    await expect(job.updates().next()).rejects.toMatchObject({ kind: 'resource_exhausted', message: `disk full: ${file}` });
  });
});
