import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configSchema, roleBudgets } from '@aero/config';
import { loadTemplates, rolePrompts } from '@aero/prompts';
import { Job, JobState } from '@aero/contracts';
import { createLogger } from '@aero/service-kit';
import { engineCommand } from '../adapters/engine-command';
import { RunStore } from '../adapters/run-store';
import { jobPaths } from '../domain/job-paths';
import { fixtureRound } from '../testing/kto-example';
import { writeRun } from '../testing/write-run';
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

  it('reports a job that was running when the trainer stopped as FAILED, interrupted', () => {
    record(2, { state: JobState.JOB_STATE_RUNNING });
    expect(jobs.get('run-x-r2')).toMatchObject({ state: JobState.JOB_STATE_FAILED, error: expect.stringContaining('was interrupted') });
  });

  it('answers not_found for a job without a record', () => {
    expect(() => jobs.get('run-x-r3')).toThrow(expect.objectContaining({ kind: 'not_found' }));
    expect(() => jobs.get('other-r1')).toThrow(expect.objectContaining({ kind: 'not_found' }));
  });
});
