import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RunState, roleToJSON, type RunEvent } from '@aero/contracts';
import { unaryCall } from '@aero/service-kit';
import { metricsPortOf, scrapeMetric } from '@aero/testing';
import { statusShares } from './domain/status-shares';
import { startOrchestrator } from './testing/start-orchestrator';
import { writeTestConfig } from './testing/test-config';
import { testModel } from './testing/test-model';
import { watchUntil } from './testing/watch-until';

// A one-round run in local mode through the real services on the tiny test model, its orchestrator's
// /metrics scraped over HTTP while the run goes and once it is done (cancelled and resumed on the way):
// the numbers must be the run's, and its journal must say where they are served.

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'orchestrator-metrics-'));
const RUN = 'measured';
const ended = (e: RunEvent) => e.event?.$case === 'state_changed' && [RunState.RUN_STATE_SUCCEEDED, RunState.RUN_STATE_FAILED].includes(e.event.value.state);
let configFile: string;

beforeAll(async () => {
  configFile = writeTestConfig(work, await testModel(work));
}, 120_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

it("records where it serves the run metrics, and exports the run's round, phase, accuracy, zone shares, ICC accuracy and KTO examples on the orchestrator's /metrics", async () => {
  const o = await startOrchestrator(configFile, false);
  try {
    // --port 0 (a free gRPC port) makes the metrics port free too, and the orchestrator logs it.
    const port = metricsPortOf(o.process.stderr());
    const metric = (name: string, labels = '') => scrapeMetric(port, name, labels);
    const rl = (labels: string) => `run="${RUN}"${labels}`;

    await unaryCall(o.client.startRun.bind(o.client), { name: RUN, config_overrides: { 'aero.rounds': '1', 'evaluation.limit': '2' } });
    const baseline = (await watchUntil(o, RUN, (e) => e.event?.$case === 'evaluation' || ended(e))).at(-1);
    expect(baseline?.event?.$case).toBe('evaluation');
    expect(await metric('aero_runs', 'state="RUNNING"')).toBe(1);
    expect(await metric('aero_run_accuracy', rl(',benchmark="arithmetic",round="0"'))).toBe(baseline?.event?.$case === 'evaluation' ? baseline.event.value.pass_at_1 : NaN);

    // Every drive records where its metrics are served, right after the run turns RUNNING: the start, then a resume.
    expect((await unaryCall(o.client.cancelRun.bind(o.client), { run_id: RUN })).run?.state).toBe(RunState.RUN_STATE_CANCELLED);
    await unaryCall(o.client.resumeRun.bind(o.client), { run_id: RUN });
    const events = await watchUntil(o, RUN, ended);
    const drives = events.flatMap((e, i) => (e.event?.$case === 'state_changed' && e.event.value.state === RunState.RUN_STATE_RUNNING ? [events[i + 1]?.event] : []));
    expect(drives).toEqual([0, 1].map(() => ({ $case: 'metrics_served', value: { metrics_url: `http://127.0.0.1:${port}/metrics`, port } })));
    const served = await fetch(drives[1]?.$case === 'metrics_served' ? drives[1].value.metrics_url : '');
    expect([served.status, (await served.text()).includes(`aero_run_round{run="${RUN}"}`)]).toEqual([200, true]);

    const { run } = await unaryCall(o.client.getRun.bind(o.client), { run_id: RUN });
    expect(run?.state).toBe(RunState.RUN_STATE_SUCCEEDED);
    const [summary] = run?.round_summaries ?? [];
    expect([await metric('aero_runs', 'state="SUCCEEDED"'), await metric('aero_runs', 'state="RUNNING"')]).toEqual([1, 0]);
    expect(await metric('aero_run_round', rl(''))).toBe(run?.current_round);
    expect(await metric('aero_run_phase', rl(',phase="DONE"'))).toBe(1);
    expect(await metric('aero_run_accuracy', rl(',benchmark="arithmetic",round="1"'))).toBe(summary.evaluations[0].pass_at_1);
    expect(await metric('aero_run_finished_round', rl(''))).toBe(1);
    const shares = statusShares(summary);
    for (const zone of ['mastery', 'zpd', 'chaos'] as const) expect(await metric('aero_run_last_round_zone_share', rl(`,zone="${zone}"`))).toBeCloseTo(shares[zone], 12);
    // Without a converged question of known truth the round has no ICC accuracy, and the metric is absent.
    const page = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect([page.includes('aero_run_last_round_icc_accuracy{'), page.includes('aero_run_last_round_majority_accuracy{')]).toEqual([summary.icc_accuracy !== undefined, summary.majority_accuracy !== undefined]);
    expect(await metric('aero_run_last_round_icc_accuracy', rl(''))).toBeCloseTo(summary.icc_accuracy ?? 0, 12);
    expect(await metric('aero_run_last_round_majority_accuracy', rl(''))).toBeCloseTo(summary.majority_accuracy ?? 0, 12);
    for (const e of summary.examples) {
      const role = roleToJSON(e.role).replace('ROLE_', '').toLowerCase();
      expect([role, e.label, await metric('aero_run_last_round_kto_examples', rl(`,role="${role}",label="${e.label ? 'desirable' : 'undesirable'}"`))]).toEqual([role, e.label, e.count]);
    }
    expect(await metric('aero_run_questions_total', rl(''))).toBe(summary.questions);
    expect(summary.questions).toBeGreaterThan(0);
  } finally {
    o.client.close();
    await o.process.stop();
  }
}, 480_000);
