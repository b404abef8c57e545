import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RunEvent, RunState } from '@aero/contracts';
import { createLogger, unaryCall } from '@aero/service-kit';
import { startLocalServices } from './adapters/local-services';
import { startOrchestrator } from './testing/start-orchestrator';
import { writeTestConfig } from './testing/test-config';
import { testModel } from './testing/test-model';
import { watchUntil } from './testing/watch-until';

// The orchestrator and the trainer share no folder: the services run on a runs_dir of their own, the
// orchestrator (remote mode) on another. A two-round run must still build both datasets, train, and
// serve what was trained, with round 2's dataset drawing on round 1's examples; and once the trainer
// has lost its copy of round 1 (as on a new host), the orchestrator must send it again.

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'orchestrator-stores-'));
const orchestratorRuns = path.join(work, 'runs');
const trainerRuns = path.join(work, 'trainer-runs');
let configFile: string;

const ended = (e: RunEvent) => e.event?.$case === 'state_changed' && [RunState.RUN_STATE_SUCCEEDED, RunState.RUN_STATE_FAILED].includes(e.event.value.state);
const examplesFile = (runs: string, round: number) => path.join(runs, 'apart', 'rounds', String(round), 'examples.jsonl');

beforeAll(async () => {
  configFile = writeTestConfig(work, await testModel(work), { rounds: 2 });
  fs.mkdirSync(trainerRuns);
}, 120_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

it('runs with the trainer on a runs_dir of its own, and sends the trainer the rounds it lost', async () => {
  let serviceLogs = '';
  const services = await startLocalServices({
    configFile,
    host: '127.0.0.1',
    runsDir: trainerRuns,
    metricsPort: -1,
    log: createLogger({ test: 'separate-stores' }, 'warn'),
    onStderr: (chunk) => (serviceLogs += chunk.toString()),
  });
  try {
    const o = await startOrchestrator(configFile, false, services.addresses);
    try {
      await unaryCall(o.client.startRun.bind(o.client), { name: 'apart', config_overrides: {} });
      const first = await watchUntil(o, 'apart', (e) => (e.round === 1 && e.event?.$case === 'model_trained') || ended(e));
      expect(first.at(-1)?.event?.$case).toBe('model_trained');
      // The trainer keeps its own copy of round 1; take it away, as a trainer moved to a new host has none.
      expect(fs.readFileSync(examplesFile(trainerRuns, 1), 'utf8')).toBe(fs.readFileSync(examplesFile(orchestratorRuns, 1), 'utf8'));
      fs.rmSync(path.dirname(examplesFile(trainerRuns, 1)), { recursive: true });
      await watchUntil(o, 'apart', ended, (first.at(-1)?.sequence ?? 0) + 1);
      const { run } = await unaryCall(o.client.getRun.bind(o.client), { run_id: 'apart' });
      expect([run?.state, run?.error]).toEqual([RunState.RUN_STATE_SUCCEEDED, '']);
      const trained = (round: number) => path.join(trainerRuns, 'apart', 'training', `r${round}`, 'model');
      expect(run?.round_summaries.map((s) => [s.round, s.model_path, s.dataset?.dataset_path])).toEqual([
        [1, trained(1), path.join(trainerRuns, 'apart', 'datasets', 'aero_r1.jsonl')],
        [2, trained(2), path.join(trainerRuns, 'apart', 'datasets', 'aero_r2.jsonl')],
      ]);
      // staggered round 2 trains first-hand on round 1's solver and refiner examples, which the trainer had again
      const round1 = fs.readFileSync(examplesFile(orchestratorRuns, 1), 'utf8').trim().split('\n').filter(Boolean);
      const solverAndRefiner = round1.filter((line) => !line.includes('"ROLE_GENERATOR"')).length;
      expect(run?.round_summaries[1].dataset?.fresh).toBeGreaterThanOrEqual(solverAndRefiner);
      expect(o.process.stderr()).toContain('"sending the trainer every round"');
      expect(fs.readFileSync(examplesFile(trainerRuns, 1), 'utf8')).toBe(fs.readFileSync(examplesFile(orchestratorRuns, 1), 'utf8'));
      expect(fs.existsSync(trained(2))).toBe(true);
      expect(serviceLogs).toContain(`"checkpoint":"${trained(2)}"`);
      // nothing the trainer writes lands in the orchestrator's run store
      expect(fs.readdirSync(path.join(orchestratorRuns, 'apart')).filter((f) => ['datasets', 'training'].includes(f))).toEqual([]);
    } finally {
      o.client.close();
      await o.process.stop();
    }
  } finally {
    await services.stop();
  }
}, 600_000);
