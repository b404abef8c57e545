import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Job, JobState, RunEvent, RunState, runStateToJSON } from '@aero/contracts';
import { unaryCall } from '@aero/service-kit';
import { startOrchestrator } from './testing/start-orchestrator';
import { writeTestConfig } from './testing/test-config';
import { testModel } from './testing/test-model';
import { watchUntil } from './testing/watch-until';

// A run in local mode through the real services on the tiny test model, cancelled while its trainer
// job trains and resumed at once, three times: CancelRun answers only once the job it started is
// cancelled and its processes are gone, so every resume starts the job again and the run completes.

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'orchestrator-cancel-'));
const RUN = 'cancelled-thrice';
// One round on few problems; enough epochs that the job still trains when the test cancels it at its first step.
const overrides = { 'aero.rounds': '1', 'evaluation.limit': '1', 'training.kto.num_train_epochs': '10' };
let configFile: string;

const jobFile = path.join(work, 'runs', RUN, 'training', 'r1', 'job.json');
const ended = (e: RunEvent) => e.event?.$case === 'state_changed' && [RunState.RUN_STATE_SUCCEEDED, RunState.RUN_STATE_FAILED].includes(e.event.value.state);

beforeAll(async () => {
  configFile = writeTestConfig(work, await testModel(work));
}, 120_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

it('resumes a run right after each of three cancels during training, and the run completes', async () => {
  const o = await startOrchestrator(configFile, false);
  try {
    await unaryCall(o.client.startRun.bind(o.client), { name: RUN, config_overrides: overrides });
    let from = 0;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const seen = await watchUntil(o, RUN, (e) => e.event?.$case === 'training_progress' || ended(e), from);
      expect([attempt, seen.at(-1)?.event?.$case]).toEqual([attempt, 'training_progress']);
      const { run: cancelled } = await unaryCall(o.client.cancelRun.bind(o.client), { run_id: RUN });
      expect(cancelled?.state).toBe(RunState.RUN_STATE_CANCELLED);
      // The trainer records CANCELLED only once the job's processes are gone.
      expect(Job.fromJSON(JSON.parse(fs.readFileSync(jobFile, 'utf8'))).state).toBe(JobState.JOB_STATE_CANCELLED);
      const { run: resumed } = await unaryCall(o.client.resumeRun.bind(o.client), { run_id: RUN });
      expect(resumed?.state).toBe(RunState.RUN_STATE_RUNNING);
      from = (seen.at(-1)?.sequence ?? 0) + 1;
    }
    await watchUntil(o, RUN, ended, from);
    const { run } = await unaryCall(o.client.getRun.bind(o.client), { run_id: RUN });
    expect([run?.state, run?.error]).toEqual([RunState.RUN_STATE_SUCCEEDED, '']);
    expect(run?.round_summaries.map((s) => s.model_path)).toEqual([path.join(work, 'runs', RUN, 'training', 'r1', 'model')]);
  } finally {
    o.client.close();
    await o.process.stop();
  }
  const journal = fs.readFileSync(path.join(work, 'runs', RUN, 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => RunEvent.fromJSON(JSON.parse(l)));
  const states = journal.flatMap((e) => (e.event?.$case === 'state_changed' ? [runStateToJSON(e.event.value.state)] : []));
  expect(states).toEqual(['RUN_STATE_RUNNING', ...Array(3).fill(['RUN_STATE_CANCELLED', 'RUN_STATE_RUNNING']).flat(), 'RUN_STATE_SUCCEEDED']);
}, 480_000);
