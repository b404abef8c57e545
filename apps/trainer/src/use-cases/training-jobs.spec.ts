import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configSchema, roleBudgets } from '@aero/config';
import { loadTemplates, rolePrompts } from '@aero/prompts';
import { Job, JobState } from '@aero/contracts';
import { failingFileSystem } from '@aero/files';
import { createLogger } from '@aero/service-kit';
import { engineCommand } from '../adapters/engine-command';
import { RunStore } from '../adapters/run-store';
import { jobPaths } from '../domain/job-paths';
import { resolveDatasetOptions } from '../domain/resolve-dataset-options';
import { fixtureRound } from '../testing/kto-example';
import { writeRun } from '../testing/write-run';
import { buildDataset } from './build-dataset';
import { TrainingJobs } from './training-jobs';

describe('TrainingJobs.get after a restart', () => {
  const runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trainer-jobs-'));
  const runDir = writeRun(runsDir, 'run-x', [fixtureRound(1)]);
  const config = configSchema.parse({});
  const jobs = new TrainingJobs({
    store: new RunStore(runsDir),
    config,
    engine: engineCommand(),
    budgets: roleBudgets(config.aero.max_tokens, rolePrompts(loadTemplates('embedded'))),
    log: createLogger({}, 'error'),
  });
  const record = (round: number, job: Partial<Job>) => {
    const file = jobPaths(runDir, round).jobFile;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(Job.toJSON(Job.fromPartial({ id: `run-x-r${round}`, run_id: 'run-x', round, ...job }))));
  };

  it('reports a finished job as its job.json recorded it', () => {
    record(1, { state: JobState.JOB_STATE_SUCCEEDED, model_path: '/m', metrics: { train_loss: 0.4 } });
    expect(jobs.get('run-x-r1')).toMatchObject({ state: JobState.JOB_STATE_SUCCEEDED, model_path: '/m', metrics: { train_loss: 0.4 } });
  });

  it('reports the paths a job.json keeps relative to its folder where that folder is now', () => {
    record(4, { state: JobState.JOB_STATE_SUCCEEDED, model_path: './model', config_path: './train.yaml', log_path: './train.log' });
    const jobDir = jobPaths(runDir, 4).jobDir;
    expect(jobs.get('run-x-r4')).toMatchObject({ model_path: path.join(jobDir, 'model'), config_path: path.join(jobDir, 'train.yaml'), log_path: path.join(jobDir, 'train.log') });
  });

  it('reports a job that was running when the trainer stopped as FAILED, interrupted', () => {
    record(2, { state: JobState.JOB_STATE_RUNNING });
    expect(jobs.get('run-x-r2')).toMatchObject({ state: JobState.JOB_STATE_FAILED, error: expect.stringContaining('was interrupted') });
  });

  it('answers not_found for a job without a record', () => {
    expect(() => jobs.get('run-x-r3')).toThrow(expect.objectContaining({ kind: 'not_found' }));
    expect(() => jobs.get('other-r1')).toThrow(expect.objectContaining({ kind: 'not_found' }));
  });
});

describe('TrainingJobs on a full disk', () => {
  const runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trainer-jobs-full-'));
  const runDir = writeRun(runsDir, 'run-f', [fixtureRound(1)]);
  const baseModel = path.join(runsDir, 'model');
  fs.mkdirSync(baseModel);
  const jobFile = jobPaths(runDir, 1).jobFile;
  // Every job fails at its launch; the third write of job.json (that ending) meets a full disk.
  const config = configSchema.parse({ training: { backend: 'llamafactory', llamafactory: { cli: 'no-such-llamafactory-cli' } } });
  let jobFileWrites = 0;
  const store = new RunStore(runsDir);
  const jobs = new TrainingJobs({
    store,
    config,
    engine: engineCommand(),
    budgets: roleBudgets(config.aero.max_tokens, rolePrompts(loadTemplates('embedded'))),
    log: createLogger({}, 'error'),
    files: failingFileSystem((file) => file.startsWith(jobFile) && ++jobFileWrites === 3),
  });
  const dataset = buildDataset(store, 'run-f', [], resolveDatasetOptions({ round: 1 }, config.aero)).dataset;
  const attempt = async () => {
    const job = await jobs.start({ runId: 'run-f', round: 1, dataset, baseModel });
    await job.done;
    return jobs.get(job.id);
  };

  it('fails the job naming job.json when its ending cannot be recorded, and takes the next attempt', async () => {
    expect(await attempt()).toMatchObject({ state: JobState.JOB_STATE_FAILED, error: `disk full: ${jobFile}` });
    expect(Job.fromJSON(JSON.parse(fs.readFileSync(jobFile, 'utf8'))).state).toBe(JobState.JOB_STATE_RUNNING);
    expect(await attempt()).toMatchObject({ state: JobState.JOB_STATE_FAILED, error: expect.stringContaining('cannot start no-such-llamafactory-cli') });
  });
});
