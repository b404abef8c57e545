import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Phase, RunState } from '@aero/contracts';
import { createLogger, startMetricsServer, type MetricsServer } from '@aero/service-kit';
import { scrapeMetric } from '@aero/testing';
import { RunSession } from '../application/run-session';
import { fixtureMeta, journalBuilder } from '../testing/run-fixtures';
import { writeRunFixture } from '../testing/write-run-fixture';
import { ObservedRunStore } from './observed-run-store';
import { RunMetrics } from './run-metrics';
import { RunStore } from './run-store';

// Real run folders, a real metrics endpoint scraped over HTTP.

const runsDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'run-metrics-')), 'runs');
const warnings: string[] = [];
const log = createLogger({ test: 'run-metrics' }, 'warn', (line) => warnings.push(line));
const metrics = new RunMetrics(new RunStore(runsDir), log);
const store = new ObservedRunStore(runsDir, (id, event) => metrics.observe(id, event));
let server: MetricsServer;
const metric = (name: string, labels = '') => scrapeMetric(server.port, name, labels);
const page = async () => (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();

beforeAll(async () => {
  const done = journalBuilder()
    .state(RunState.RUN_STATE_RUNNING)
    .evaluation(0, 0.4)
    .phase(1, Phase.PHASE_SYNTHESIZING)
    .recorded(1, 0)
    .recorded(1, 1)
    .evaluation(1, 0.5)
    .finished(1)
    .phase(2, Phase.PHASE_DONE)
    .state(RunState.RUN_STATE_SUCCEEDED);
  writeRunFixture(runsDir, 'finished', done.events);
  server = await startMetricsServer(metrics.registry, '127.0.0.1', 0);
});
afterAll(() => server.close());

describe('RunMetrics', () => {
  it('shows the runs already in the store as their journals stand', async () => {
    expect(await metric('aero_runs', 'state="SUCCEEDED"')).toBe(1);
    expect(await metric('aero_run_round', 'run="finished"')).toBe(2);
    expect(await metric('aero_run_phase', 'run="finished",phase="DONE"')).toBe(1);
    expect(await metric('aero_run_phase', 'run="finished"')).toBe(1);
    expect(await metric('aero_run_accuracy', 'run="finished",benchmark="arithmetic",round="0"')).toBe(0.4);
    expect(await metric('aero_run_accuracy', 'run="finished",benchmark="arithmetic",round="1"')).toBe(0.5);
    expect(await metric('aero_run_finished_round', 'run="finished"')).toBe(1);
    for (const zone of ['mastery', 'zpd', 'chaos']) expect(await metric('aero_run_last_round_zone_share', `run="finished",zone="${zone}"`)).toBeCloseTo(1 / 3);
    expect(await metric('aero_run_questions_total', 'run="finished"')).toBe(2);
  });

  it('follows a run as events are appended to its journal', async () => {
    store.create({ ...fixtureMeta({}, 'live'), run_dir: store.runDir('live') });
    expect(await metric('aero_runs', 'state="PENDING"')).toBe(1);
    const session = new RunSession(store.journal('live'), store.readMeta('live'), []);
    const journal = journalBuilder().state(RunState.RUN_STATE_RUNNING).evaluation(0, 0.3).phase(1, Phase.PHASE_SYNTHESIZING).recorded(1, 0);
    for (const { round, event } of journal.events) if (event) session.append(round, event);
    expect(await metric('aero_runs', 'state="RUNNING"')).toBe(1);
    expect(await metric('aero_run_round', 'run="live"')).toBe(1);
    expect(await metric('aero_run_phase', 'run="live",phase="SYNTHESIZING"')).toBe(1);
    expect(await metric('aero_run_accuracy', 'run="live",benchmark="arithmetic",round="0"')).toBe(0.3);
    expect(await metric('aero_run_questions_total', 'run="live"')).toBe(1);
    session.append(1, { $case: 'state_changed', value: { state: RunState.RUN_STATE_CANCELLED, error: 'cancelled' } });
    session.close();
    expect([await metric('aero_runs', 'state="RUNNING"'), await metric('aero_runs', 'state="CANCELLED"')]).toEqual([0, 1]);
    expect(await metric('aero_run_finished_round', 'run="live"')).toBe(0);
  });

  it('leaves out a run whose journal cannot be read, warning once, and drops runs that are gone', async () => {
    writeRunFixture(runsDir, 'torn', []);
    fs.writeFileSync(path.join(runsDir, 'torn', 'journal.jsonl'), 'not json\n');
    expect(await page()).not.toContain('run="torn"');
    expect(await metric('aero_runs', 'state="SUCCEEDED"')).toBe(1);
    expect(warnings.filter((w) => w.includes('"run":"torn"'))).toHaveLength(1);
    expect(() => metrics.observe('torn', journalBuilder().state(RunState.RUN_STATE_RUNNING).events[0])).not.toThrow();

    fs.rmSync(path.join(runsDir, 'finished'), { recursive: true });
    expect(await metric('aero_runs', 'state="SUCCEEDED"')).toBe(0);
    expect(await page()).not.toContain('run="finished"');
  });
});
