import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { status as Status } from '@grpc/grpc-js';
import { ChatRequest, OrchestratorServiceClient, Phase, RunState, type RunEvent, type RunOrigin } from '@aero/contracts';
import { connect, streamCall, unaryCall } from '@aero/service-kit';
import { describeServiceContract, failureOf, startServiceProcess, type ServiceProcess } from '@aero/testing';
import { journalBuilder } from './testing/run-fixtures';
import { writeRunFixture } from './testing/write-run-fixture';

const ENTRY = 'apps/orchestrator/src/main.ts';
const runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orchestrator-contract-'));
const env = { AERO__RUNS_DIR: runsDir, AERO__ORCHESTRATOR__RESUME_INTERRUPTED: 'false' };

describeServiceContract({
  entry: ENTRY,
  service: 'aero.v1.OrchestratorService',
  client: OrchestratorServiceClient,
  malformed: { call: (c) => unaryCall(c.getRun.bind(c), { run_id: '../etc' }), field: 'run_id' },
  env,
});

describe('OrchestratorService runs and error paths', () => {
  let server: ServiceProcess;
  let client: OrchestratorServiceClient;

  beforeAll(async () => {
    const done = journalBuilder()
      .state(RunState.RUN_STATE_RUNNING)
      .evaluation(0, 0.4)
      .phase(1, Phase.PHASE_SYNTHESIZING)
      .generated(1, 1)
      .recorded(1, 0)
      .dataset(1)
      .trained(1, '/m1')
      .evaluation(1, 0.5)
      .finished(1, '/m1')
      .phase(2, Phase.PHASE_DONE)
      .state(RunState.RUN_STATE_SUCCEEDED);
    writeRunFixture(runsDir, 'finished', done.events);
    writeRunFixture(runsDir, 'cut-off', journalBuilder().state(RunState.RUN_STATE_RUNNING).evaluation(0, 0.4).events);
    server = await startServiceProcess(ENTRY, ['--port', '0'], { env });
    client = connect(OrchestratorServiceClient, server.address);
  }, 60_000);
  afterAll(async () => {
    client?.close();
    await server?.stop();
  });

  const codeOf = async (call: Promise<unknown>) => (await failureOf(call)).code;

  it('reports a finished run with its baseline and round summaries', async () => {
    const { run } = await unaryCall(client.getRun.bind(client), { run_id: 'finished' });
    expect(run?.state).toBe(RunState.RUN_STATE_SUCCEEDED);
    expect(run?.baseline.map((e) => e.pass_at_1)).toEqual([0.4]);
    expect(run?.round_summaries.map((s) => [s.round, s.model_path])).toEqual([[1, '/m1']]);
    expect(run?.current_model).toBe('/m1');
    expect(run?.run_dir).toBe(path.join(runsDir, 'finished'));
  });

  it('marks a run that was running when the orchestrator died as interrupted', async () => {
    const { run } = await unaryCall(client.getRun.bind(client), { run_id: 'cut-off' });
    expect(run?.state).toBe(RunState.RUN_STATE_INTERRUPTED);
  });

  it('lists runs newest first, page by page', async () => {
    const first = await unaryCall(client.listRuns.bind(client), { page_size: 1, page_token: '' });
    expect(first.runs).toHaveLength(1);
    const second = await unaryCall(client.listRuns.bind(client), { page_size: 1, page_token: first.next_page_token });
    expect([first.runs[0].id, second.runs[0].id].sort()).toEqual(['cut-off', 'finished']);
    expect(second.next_page_token).toBe('');
    expect(await codeOf(unaryCall(client.listRuns.bind(client), { page_size: 1, page_token: 'x' }))).toBe(Status.INVALID_ARGUMENT);
  });

  it('streams a stopped run\'s history from a sequence number, then ends', async () => {
    const events: RunEvent[] = [];
    for await (const m of streamCall(client.watchRun.bind(client), { run_id: 'finished', from_sequence: 3 })) if (m.event) events.push(m.event);
    expect(events[0].sequence).toBe(3);
    expect(events.at(-1)?.event).toEqual({ $case: 'state_changed', value: { state: RunState.RUN_STATE_SUCCEEDED, error: '' } });
  });

  it('answers NOT_FOUND for an unknown run on every run RPC', async () => {
    const missing = { run_id: 'no-such-run' };
    expect(await codeOf(unaryCall(client.getRun.bind(client), missing))).toBe(Status.NOT_FOUND);
    expect(await codeOf(unaryCall(client.cancelRun.bind(client), missing))).toBe(Status.NOT_FOUND);
    expect(await codeOf(unaryCall(client.resumeRun.bind(client), missing))).toBe(Status.NOT_FOUND);
    const watch = (async () => {
      for await (const _ of streamCall(client.watchRun.bind(client), { ...missing, from_sequence: 0 })) void _;
    })();
    expect(await codeOf(watch)).toBe(Status.NOT_FOUND);
  });

  it('answers FAILED_PRECONDITION to resuming a finished run and to cancelling a run that is not running', async () => {
    expect(await codeOf(unaryCall(client.resumeRun.bind(client), { run_id: 'finished' }))).toBe(Status.FAILED_PRECONDITION);
    expect(await codeOf(unaryCall(client.cancelRun.bind(client), { run_id: 'cut-off' }))).toBe(Status.FAILED_PRECONDITION);
  });

  it('rejects bad run ids and names with INVALID_ARGUMENT before they reach the file system', async () => {
    for (const run_id of ['', '../finished', 'a/b', 'x'.repeat(65), 'dot.dot']) {
      const failure = await failureOf(unaryCall(client.resumeRun.bind(client), { run_id }));
      expect([run_id, failure.code]).toEqual([run_id, Status.INVALID_ARGUMENT]);
      expect(failure.details).toContain('run_id');
    }
    const badName = await failureOf(unaryCall(client.startRun.bind(client), { name: '../../tmp/x', config_overrides: {} }));
    expect([badName.code, badName.details.includes('name')]).toEqual([Status.INVALID_ARGUMENT, true]);
    // No default run from a request that carries no name: also what a name of the wrong wire type decodes to.
    const unnamed = await failureOf(unaryCall(client.startRun.bind(client), { name: '', config_overrides: {} }));
    expect([unnamed.code, unnamed.details]).toEqual([Status.INVALID_ARGUMENT, 'invalid request: name: is required']);
  });

  it('rejects config overrides that are unknown, invalid, not run settings or beyond the context, naming the key', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'aero.no_such_key': '1' }, 'aero.no_such_key'],
      [{ 'aero.rounds': '0' }, 'aero.rounds'],
      [{ 'services.synth.address': 'x:1' }, 'services.synth.address'],
      // valid alone, but no request could meet it: the default context is 10240 tokens
      [{ 'aero.max_tokens.solver': '10240' }, 'aero.max_tokens.solver'],
    ];
    for (const [config_overrides, key] of cases) {
      const failure = await failureOf(unaryCall(client.startRun.bind(client), { name: 'never-created', config_overrides }));
      expect([key, failure.code]).toEqual([key, Status.INVALID_ARGUMENT]);
      expect(failure.details).toContain(key);
    }
    expect(fs.existsSync(path.join(runsDir, 'never-created'))).toBe(false);
  });

  it('lets a second orchestrator on the same run store report runs but not drive them', async () => {
    const second = await startServiceProcess(ENTRY, ['--port', '0'], { env });
    const other = connect(OrchestratorServiceClient, second.address);
    try {
      expect((await unaryCall(other.getRun.bind(other), { run_id: 'cut-off' })).run?.state).toBe(RunState.RUN_STATE_INTERRUPTED);
      const failure = await failureOf(unaryCall(other.startRun.bind(other), { name: 'second', config_overrides: {} }));
      expect(failure.code).toBe(Status.FAILED_PRECONDITION);
      expect(failure.details).toContain(`another orchestrator drives the runs of ${runsDir} (pid ${server.pid} on `);
      expect(fs.existsSync(path.join(runsDir, 'second'))).toBe(false);
    } finally {
      other.close();
      await second.stop();
    }
  }, 60_000);

  it('refuses to start from a checkpoint that does not exist, naming the run or the round, and creates no run', async () => {
    const start = (origin: RunOrigin) => failureOf(unaryCall(client.startRun.bind(client), { name: 'branch', config_overrides: {}, origin }));
    const failures = await Promise.all(
      [{ run_id: 'no-such-run', round: 1 }, { run_id: 'finished', round: 2 }, { run_id: 'cut-off', round: 1 }, { run_id: '../finished', round: 1 }, { run_id: 'finished', round: 1001 }].map(start),
    );
    expect(failures.map((f) => [Status[f.code], f.details])).toEqual([
      ['NOT_FOUND', `run no-such-run not found in ${runsDir}`],
      ['FAILED_PRECONDITION', 'run finished has no checkpoint of round 2: its last trained round is 1 (round 0 is its initial model)'],
      ['FAILED_PRECONDITION', 'run cut-off has no checkpoint of round 1: none of its rounds has trained yet (round 0 is its initial model)'],
      ['INVALID_ARGUMENT', 'invalid request: origin.run_id: must be 1..64 letters, digits, "-" or "_"'],
      ['INVALID_ARGUMENT', 'invalid request: origin.round: must be in 0..1000'],
    ]);
    expect(fs.existsSync(path.join(runsDir, 'branch'))).toBe(false);
  });

  it('refuses a chat with an unknown run, a round that has not trained or a bad field, before it starts any service', async () => {
    const chat = (request: Partial<ChatRequest>) => failureOf(unaryCall(client.chat.bind(client), ChatRequest.fromPartial({ run_id: 'finished', question: 'What is 2+3?', ...request })));
    const failures = await Promise.all(
      [{ run_id: 'no-such-run' }, { round: 2 }, { question: ' ' }, { temperature: 2.5 }, { n: 1025 }, { max_tokens: 0 }].map(chat),
    );
    expect(failures.map((f) => [Status[f.code], f.details])).toEqual([
      ['NOT_FOUND', `run no-such-run not found in ${runsDir}`],
      ['FAILED_PRECONDITION', 'run finished has no checkpoint of round 2: its last trained round is 1 (round 0 is its initial model)'],
      ['INVALID_ARGUMENT', 'invalid request: question: must not be empty'],
      ['INVALID_ARGUMENT', 'invalid request: temperature: must be in [0, 2]'],
      ['INVALID_ARGUMENT', 'invalid request: n: must be at most 1024'],
      ['INVALID_ARGUMENT', 'invalid request: max_tokens: must be in 1..1048576'],
    ]);
    expect(server.stderr()).not.toContain('local mode: starting the five services');
  });

  it('answers ALREADY_EXISTS when the run name is taken', async () => {
    expect(await codeOf(unaryCall(client.startRun.bind(client), { name: 'finished', config_overrides: {} }))).toBe(Status.ALREADY_EXISTS);
  });
});
