import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { status as Status } from '@grpc/grpc-js';
import { execa } from 'execa';
import { ChatRequest, RunEvent, RunState } from '@aero/contracts';
import { unaryCall } from '@aero/service-kit';
import { failureOf, repoRoot } from '@aero/testing';
import { startOrchestrator } from './testing/start-orchestrator';
import { writeTestConfig } from './testing/test-config';
import { testModel } from './testing/test-model';
import { watchUntil } from './testing/watch-until';

// A tiny one-round run on the real services, stopped once it has trained (its journal cut back to
// before model_trained) and moved to another run store, where it reports and resumes to its end; then a run branched off its round-1 checkpoint
// (evaluated on that checkpoint), and questions to its checkpoints through the RPC and the CLI.

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'orchestrator-branch-'));
const storeA = path.join(work, 'a');
const storeB = path.join(work, 'b');
let configA: string;
let configB: string;
let baseModel: string;

const aero = (config: string, ...args: string[]) =>
  execa(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/orchestrator/src/cli.ts'), ...args, '--config', config], { cwd: repoRoot, reject: false, stdin: 'ignore' });
const journal = (runDir: string) => fs.readFileSync(path.join(runDir, 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => RunEvent.fromJSON(JSON.parse(l)));
const ended = (e: RunEvent) => e.event?.$case === 'state_changed' && [RunState.RUN_STATE_SUCCEEDED, RunState.RUN_STATE_FAILED].includes(e.event.value.state);
const question = 'What is 2+3?';

beforeAll(async () => {
  const model = await testModel(work);
  baseModel = model.dir;
  for (const store of [storeA, storeB]) fs.mkdirSync(store);
  configA = writeTestConfig(storeA, model, { rounds: 1 });
  configB = writeTestConfig(storeB, model, { rounds: 1 });
}, 120_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

it('moves a stopped run to another store, where it reports and resumes; branches a run off its checkpoint; answers questions with its checkpoints', async () => {
  const a = await startOrchestrator(configA, false);
  try {
    await unaryCall(a.client.startRun.bind(a.client), { name: 'moved', config_overrides: {} });
    const seen = await watchUntil(a, 'moved', (e) => e.event?.$case === 'model_trained' || ended(e));
    expect(seen.at(-1)?.event?.$case).toBe('model_trained');
    expect((await unaryCall(a.client.cancelRun.bind(a.client), { run_id: 'moved' })).run?.state).toBe(RunState.RUN_STATE_CANCELLED);
  } finally {
    a.client.close();
    await a.process.stop();
  }
  // As if it had been cancelled after its training job finished but before model_trained was journalled:
  // resuming takes the model from the trainer's job.json, which must name it where the run folder is then.
  const journalA = path.join(storeA, 'runs/moved/journal.jsonl');
  const lines = fs.readFileSync(journalA, 'utf8').trim().split('\n');
  const trainedAt = lines.findIndex((l) => RunEvent.fromJSON(JSON.parse(l)).event?.$case === 'model_trained');
  fs.writeFileSync(journalA, [...lines.slice(0, trainedAt), lines.at(-1)].join('\n') + '\n');
  const recorded = ['run.json', 'journal.jsonl', 'training/r1/job.json'].map((file) => fs.readFileSync(path.join(storeA, 'runs/moved', file), 'utf8')).join('');
  expect(recorded).not.toContain(storeA);
  fs.mkdirSync(path.join(storeB, 'runs'));
  fs.renameSync(path.join(storeA, 'runs/moved'), path.join(storeB, 'runs/moved'));
  const movedDir = path.join(storeB, 'runs/moved');
  const trained = path.join(movedDir, 'training/r1/model');

  const report = await aero(configB, 'report', 'moved');
  expect([report.exitCode, report.stderr, report.stdout]).toEqual([0, '', `Report: ${path.join(movedDir, 'report.html')}`]);
  // Resuming evaluates the trained model, served from where the run folder is now.
  const resumed = await aero(configB, 'resume', 'moved');
  expect([resumed.exitCode, resumed.stderr]).toEqual([0, '']);
  expect(resumed.stdout).toContain('run moved finished all 1 rounds');
  const events = journal(movedDir);
  const resumedAt = events.findLastIndex((e) => e.event?.$case === 'state_changed' && e.event.value.state === RunState.RUN_STATE_RUNNING);
  const afterResume = events.slice(resumedAt).map((e) => {
    const body = e.event;
    return body?.$case === 'model_served' ? `served ${body.value.checkpoint}` : body?.$case === 'model_trained' ? `trained ${body.value.model_path}` : body?.$case;
  });
  expect(afterResume).toEqual(expect.arrayContaining(['trained ./training/r1/model', 'served ./training/r1/model', 'evaluation', 'round_finished']));

  const b = await startOrchestrator(configB, false);
  let reply: string | undefined;
  try {
    const { run: moved } = await unaryCall(b.client.getRun.bind(b.client), { run_id: 'moved' });
    expect([moved?.state, moved?.run_dir, moved?.round_summaries.map((s) => s.model_path)]).toEqual([RunState.RUN_STATE_SUCCEEDED, movedDir, [trained]]);

    await unaryCall(b.client.startRun.bind(b.client), { name: 'branch', config_overrides: {}, origin: { run_id: 'moved', round: 1 } });
    const busy = await failureOf(unaryCall(b.client.chat.bind(b.client), ChatRequest.fromPartial({ run_id: 'moved', question })));
    expect([busy.code, busy.details]).toEqual([Status.FAILED_PRECONDITION, 'run branch is running; runs share the services, so one runs at a time (cancel it or wait)']);
    await watchUntil(b, 'branch', (e) => e.event?.$case === 'evaluation' || ended(e));
    const { run: branch } = await unaryCall(b.client.cancelRun.bind(b.client), { run_id: 'branch' });
    expect(branch?.origin).toEqual({ run_id: 'moved', round: 1 });
    expect(branch?.current_model).toBe(trained);
    // Its baseline is the greedy evaluation of that checkpoint: the same score as the round that trained it.
    expect(branch?.baseline.map((e) => e.pass_at_1)).toEqual(moved?.round_summaries[0].evaluations.map((e) => e.pass_at_1));
    const branchServed = journal(path.join(storeB, 'runs/branch')).find((e) => e.event?.$case === 'model_served');
    expect(branchServed?.event?.$case === 'model_served' && branchServed.event.value.checkpoint).toBe('../moved/training/r1/model');

    const last = await unaryCall(b.client.chat.bind(b.client), ChatRequest.fromPartial({ run_id: 'moved', question }));
    expect([last.round, last.model, last.samples.length]).toEqual([1, trained, 1]);
    expect(last.prompt).toContain(question);
    reply = last.samples[0].text;
    expect(reply).not.toBe('');
    const initial = await unaryCall(b.client.chat.bind(b.client), ChatRequest.fromPartial({ run_id: 'moved', round: 0, question, n: 2, temperature: 1 }));
    expect([initial.round, initial.model, initial.samples.map((s) => s.index)]).toEqual([0, baseModel, [0, 1]]);
  } finally {
    b.client.close();
    await b.process.stop();
  }

  const chat = await aero(configB, 'chat', 'moved:1', question);
  expect([chat.exitCode, chat.stderr]).toEqual([0, '']);
  expect(chat.stdout).toBe(`Round 1 of run moved (${trained}) answers:\n\n${reply}\n\n${chat.stdout.split('\n').at(-1)}`);
  expect(chat.stdout.split('\n').at(-1)).toMatch(/^answer: /);
  const status = await aero(configB, 'status', 'branch');
  expect(status.stdout).toContain(`model ${trained}; started from round 1 of run moved`);

  const [untrained, unknown, badFrom, unknownFrom] = await Promise.all([
    aero(configB, 'chat', 'moved:7', question),
    aero(configB, 'chat', 'no-such-run', question),
    aero(configB, 'run', '--from', 'moved'),
    aero(configB, 'run', '--from', 'no-such-run:1', '--name', 'never'),
  ]);
  expect([untrained.exitCode, untrained.stderr]).toEqual([1, 'error: run moved has no checkpoint of round 7: its last trained round is 1 (round 0 is its initial model)']);
  expect([unknown.exitCode, unknown.stderr]).toEqual([1, `error: run no-such-run not found in ${path.join(storeB, 'runs')}`]);
  expect([badFrom.exitCode, badFrom.stderr]).toEqual([1, 'error: --from expects RUN:ROUND (e.g. base:2; round 0 is the run\'s initial model), got "moved"']);
  expect([unknownFrom.exitCode, unknownFrom.stderr]).toEqual([1, `error: run no-such-run not found in ${path.join(storeB, 'runs')}`]);
  expect(fs.existsSync(path.join(storeB, 'runs/never'))).toBe(false);
}, 480_000);
