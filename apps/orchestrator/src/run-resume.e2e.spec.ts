import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Phase, RunEvent, RunState, runStateToJSON, type Run } from '@aero/contracts';
import { createLogger, unaryCall } from '@aero/service-kit';
import { startLocalServices } from './adapters/local-services';
import { startOrchestrator, type RunningOrchestrator } from './testing/start-orchestrator';
import { writeTestConfig } from './testing/test-config';
import { testModel } from './testing/test-model';
import { watchUntil } from './testing/watch-until';

// Whole runs through the real services on a tiny real engine model: one run uninterrupted, in remote
// mode (the test starts the five services, the orchestrator is given their addresses); the same run
// again with the same seed in local mode (the orchestrator starts the services itself), killed with
// SIGKILL twice (inside the inner loop of round 1, then while round 2 trains), restarted each time,
// then cancelled and resumed; the datasets must come out identical.

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'orchestrator-e2e-'));
let configFile: string;
let baseModel: string;

const finished = (e: RunEvent) =>
  e.event?.$case === 'state_changed' && [RunState.RUN_STATE_SUCCEEDED, RunState.RUN_STATE_FAILED].includes(e.event.value.state);

/** SIGKILL, then wait until every service the orchestrator had started is gone (each watches its parent). */
async function kill(o: RunningOrchestrator): Promise<void> {
  const pids = o.process
    .stderr()
    .split('\n')
    .filter((line) => line.includes('"local service started"'))
    .map((line) => (JSON.parse(line) as { pid: number }).pid);
  expect(pids).toHaveLength(5);
  o.client.close();
  process.kill(o.process.pid, 'SIGKILL');
  await o.process.process;
  const deadline = Date.now() + 60_000;
  while (pids.some(alive)) {
    if (Date.now() > deadline) throw new Error(`services still running after the orchestrator died: ${pids.filter(alive)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const runDir = (id: string) => path.join(work, 'runs', id);
const read = (id: string, file: string) => fs.readFileSync(path.join(runDir(id), file), 'utf8');
const journal = (id: string) => read(id, 'journal.jsonl').trim().split('\n').map((l) => RunEvent.fromJSON(JSON.parse(l)));
/** The examples of a round without the run id in their provenance (the only thing allowed to differ). */
const examples = (id: string, round: number) => read(id, `rounds/${round}/examples.jsonl`).split(`"run_id":"${id}"`).join('"run_id":"X"');

beforeAll(async () => {
  const model = await testModel(work);
  baseModel = model.dir;
  configFile = writeTestConfig(work, model);
}, 120_000);

describe('an AERO run through the real services', () => {
  it('runs, survives SIGKILL twice and a cancel, and the resumed run produces exactly the same datasets', async () => {
    let serviceLogs = '';
    const services = await startLocalServices({
      configFile,
      host: '127.0.0.1',
      runsDir: path.join(work, 'runs'),
      metricsPort: -1,
      log: createLogger({ test: 'run-resume' }, 'warn'),
      onStderr: (chunk) => (serviceLogs += chunk.toString()),
    });
    let straight: Run | undefined;
    let noData: Run | undefined;
    try {
      const remote = await startOrchestrator(configFile, false, services.addresses);
      await unaryCall(remote.client.startRun.bind(remote.client), { name: 'straight', config_overrides: {} });
      await watchUntil(remote, 'straight', finished);
      straight = (await unaryCall(remote.client.getRun.bind(remote.client), { run_id: 'straight' })).run;
      // Staggered round 1 trains on generator examples only: weighted 0, the dataset is empty, and
      // the round keeps its model instead of failing the run.
      await unaryCall(remote.client.startRun.bind(remote.client), { name: 'no-data', config_overrides: { 'aero.rounds': '1', 'aero.kto_weights.generator': '0' } });
      await watchUntil(remote, 'no-data', finished);
      noData = (await unaryCall(remote.client.getRun.bind(remote.client), { run_id: 'no-data' })).run;
      remote.client.close();
      await remote.process.stop();
      expect(remote.process.stderr()).not.toContain('local service started');
    } finally {
      await services.stop();
    }
    expect([straight?.state, straight?.error]).toEqual([RunState.RUN_STATE_SUCCEEDED, '']);
    expect([noData?.state, noData?.error]).toEqual([RunState.RUN_STATE_SUCCEEDED, '']);
    expect(noData?.round_summaries.map((s) => [s.round, s.model_path, s.dataset?.total])).toEqual([[1, baseModel, 0]]);
    const skipped = journal('no-data').flatMap((e) => (e.event?.$case === 'model_trained' ? [e.event.value] : []));
    expect(skipped).toHaveLength(1);
    expect(skipped[0].skipped_reason).toMatch(/^no training data in round 1: .*empty dataset/);
    expect(fs.existsSync(path.join(runDir('no-data'), 'training'))).toBe(false);
    // the test's services did the work: the gateway served the run's last model
    expect(serviceLogs).toContain(`"checkpoint":"${runDir('straight')}/training/r2/model"`);
    expect(straight?.baseline.map((e) => [e.benchmark, e.problems])).toEqual([['arithmetic', 5]]);
    expect(straight?.round_summaries.map((s) => [s.round, s.questions, s.evaluations.length])).toEqual([[1, 4, 1], [2, 4, 1]]);

    // Same config and seed, local mode; killed inside the inner loop of round 1.
    const first = await startOrchestrator(configFile, false);
    await unaryCall(first.client.startRun.bind(first.client), { name: 'killed', config_overrides: {} });
    await watchUntil(first, 'killed', (e) => e.round === 1 && e.event?.$case === 'question_recorded');
    await kill(first);

    // A restart resumes it by itself; killed again once round 2 trains.
    const second = await startOrchestrator(configFile, true);
    await watchUntil(second, 'killed', (e) => e.round === 2 && e.event?.$case === 'phase_changed' && e.event.value.phase === Phase.PHASE_TRAINING);
    await kill(second);

    // Resumed on request this time, cancelled, and resumed again to the end.
    const third = await startOrchestrator(configFile, false);
    expect((await unaryCall(third.client.getRun.bind(third.client), { run_id: 'killed' })).run?.state).toBe(RunState.RUN_STATE_INTERRUPTED);
    await unaryCall(third.client.resumeRun.bind(third.client), { run_id: 'killed' });
    const cancelled = await unaryCall(third.client.cancelRun.bind(third.client), { run_id: 'killed' });
    expect(cancelled.run?.state).toBe(RunState.RUN_STATE_CANCELLED);
    await unaryCall(third.client.resumeRun.bind(third.client), { run_id: 'killed' });
    await watchUntil(third, 'killed', finished);
    const { run: killed } = await unaryCall(third.client.getRun.bind(third.client), { run_id: 'killed' });
    third.client.close();
    await third.process.stop();

    expect(killed?.state).toBe(RunState.RUN_STATE_SUCCEEDED);
    const states = journal('killed').flatMap((e) => (e.event?.$case === 'state_changed' ? [runStateToJSON(e.event.value.state)] : []));
    expect(states).toEqual([
      'RUN_STATE_RUNNING', 'RUN_STATE_INTERRUPTED', 'RUN_STATE_RUNNING', 'RUN_STATE_INTERRUPTED',
      'RUN_STATE_RUNNING', 'RUN_STATE_CANCELLED', 'RUN_STATE_RUNNING', 'RUN_STATE_SUCCEEDED',
    ]);
    for (const round of [1, 2]) {
      expect(read('killed', `datasets/aero_r${round}.jsonl`)).toBe(read('straight', `datasets/aero_r${round}.jsonl`));
      expect(read('killed', `rounds/${round}/questions.jsonl`)).toBe(read('straight', `rounds/${round}/questions.jsonl`));
      expect(examples('killed', round)).toBe(examples('straight', round));
      // nothing lost, nothing recorded twice
      const recorded = journal('killed').flatMap((e) => (e.round === round && e.event?.$case === 'question_recorded' ? [e.event.value.question_id] : []));
      expect(new Set(recorded).size).toBe(recorded.length);
      expect(recorded.length).toBe(killed?.round_summaries[round - 1].questions);
    }
    const summary = (s: Run['round_summaries'][number]) => ({ ...s, model_path: '', dataset: { ...s.dataset, dataset_dir: '', dataset_path: '' } });
    expect(killed?.round_summaries.map(summary)).toEqual(straight?.round_summaries.map(summary));
    expect(fs.readdirSync(path.join(runDir('killed'), 'rounds/2/questions')).sort()).toEqual(fs.readdirSync(path.join(runDir('straight'), 'rounds/2/questions')).sort());
  }, 480_000);
});
