/**
 * Reliability benchmark (issue 17): the whole stack on loopback as local mode runs it (the
 * orchestrator starts the five services as processes of their own) on the test config and model,
 * put through a bounded hostile suite:
 * - malformed requests to every RPC of every service (undecodable bytes, wrong wire types, numbers out
 *   of range, missing required fields, path-traversal names, huge strings; hostile-requests.ts), and
 *   the share answered INVALID_ARGUMENT naming the field (goal >= 99%), with every exception listed;
 * - services that died (goal 0) and calls that hung past 5 s (goal 0);
 * - resume after kill: the orchestrator's whole process group SIGKILLed at random points of a short
 *   run (one point in each fifth of an uninterrupted reference run's events), restarted, the run
 *   resumed to its end and its results compared file by file with the reference (goal: all identical).
 * Usage: node --import tsx tools/bench/reliability/bench.ts [--seed N] [--kills K] [--concurrency C] [--keep]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { status as Status } from '@grpc/grpc-js';
import { isRunning } from '@aero/process/testing';
import { Phase, RunState, StartRunRequest, type Run, type RunEvent } from '@aero/contracts';
import { checkHealth, streamCall, unaryCall } from '@aero/service-kit';
import { formatTable } from '../../../apps/orchestrator/src/domain/format-table';
import { writeTestConfig } from '../../../apps/orchestrator/src/testing/test-config';
import { testModel } from '../../../apps/orchestrator/src/testing/test-model';
import { SeededRandom } from '../../../apps/trainer/src/domain/seeded-random';
import { hostileRequests } from './hostile-requests';
import { HUNG_MS, runHostileSuite, type Outcome } from './hostile-suite';
import { LocalStack, type StackService } from './local-stack';
import { differingResults, runResults } from './run-results';

/** Contract service name -> the name local mode logs it under. */
const SERVICE_NAMES: Record<string, string> = {
  AnalyzerService: 'analyzer',
  InferenceGatewayService: 'inference_gateway',
  OrchestratorService: 'orchestrator',
  SynthService: 'synth',
  TrainerService: 'trainer',
  VerifierService: 'verifier',
};

interface TimedEvent {
  event: RunEvent;
  ms: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seed: { type: 'string' }, kills: { type: 'string', default: '5' }, concurrency: { type: 'string', default: '8' }, keep: { type: 'boolean' } },
  });
  const seed = values.seed === undefined ? Date.now() % 1_000_000 : Number(values.seed);
  const kills = Number(values.kills);
  const started = performance.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aero-reliability-'));
  const logFile = path.join(work, 'services.log');
  const log = fs.createWriteStream(logFile);
  const onLog = (chunk: Buffer) => log.write(chunk);
  const configFile = writeTestConfig(work, await testModel(work));
  const stamp = Date.now().toString(36);
  console.log(`seed ${seed}, work folder ${work}`);

  let stack = await LocalStack.start(configFile, false, onLog);
  try {
    // The reference: uninterrupted, and the run that makes local mode start the services.
    const reference = await runToEnd(stack, `ref-${stamp}`);
    console.log(`reference run: ${RunState[reference.run.state]} in ${(reference.events.at(-1)?.ms ?? 0) / 1000} s, ${reference.events.length} events`);

    const services = stack.services();
    const addresses = new Map(Object.entries(SERVICE_NAMES).map(([contract, name]) => [contract, services.find((s) => s.name === name)?.address ?? '']));
    const requests = hostileRequests();
    const suiteStarted = performance.now();
    const outcomes = await runHostileSuite(requests, addresses, Number(values.concurrency));
    const suiteSeconds = (performance.now() - suiteStarted) / 1000;
    const dead = await deadServices(services);
    const strays = await runsStartedBy(stack, [reference.run.id]);
    console.log(`\n${suiteTable(outcomes)}\n`);
    printExceptions(outcomes);
    const named = outcomes.filter((o) => o.named).length;
    const hung = outcomes.filter((o) => o.answer.ms > HUNG_MS);
    console.log(`malformed requests sent: ${outcomes.length} to ${new Set(outcomes.map((o) => o.request.rpc)).size} RPCs in ${suiteSeconds.toFixed(1)} s`);
    console.log(`answered INVALID_ARGUMENT naming the field: ${named}/${outcomes.length} (${((100 * named) / outcomes.length).toFixed(1)}%, goal >= 99%)`);
    console.log(`services that died: ${dead.length}${dead.length ? ` (${dead.join(', ')})` : ''}`);
    console.log(`calls that hung past ${HUNG_MS / 1000} s: ${hung.length}${hung.length ? ` (${hung.map((o) => `${o.request.rpc} ${o.request.kind}`).join('; ')})` : ''}`);
    console.log(`runs a malformed request started: ${strays.length}${strays.length ? ` (${strays.join(', ')}, cancelled)` : ''}`);

    // Resume after kill, one random point per fifth (by default) of the reference's events.
    const random = new SeededRandom(`reliability-${seed}`);
    const expected = runResults(reference.run);
    const rows: string[][] = [];
    let identical = 0;
    // Kill points lie before the run's last evaluation result: what follows it (round finished, done)
    // takes milliseconds, so a kill seen to come after it would find the run already ended.
    const last = reference.events.findLastIndex((e) => e.event.event?.$case === 'evaluation');
    let interrupted = 0;
    for (let i = 0; i < kills; i++) {
      const from = Math.floor((i * last) / kills);
      const k = from + random.below(Math.max(1, Math.floor(((i + 1) * last) / kills) - from));
      const delayMs = random.next() * (reference.events[k + 1].ms - reference.events[k].ms);
      const id = `kill${i + 1}-${stamp}`;
      await unaryCall(stack.client.startRun.bind(stack.client), StartRunRequest.fromPartial({ name: id, config_overrides: {} }));
      await watch(stack, id, 0, (_, index) => index === k);
      await sleep(delayMs);
      await stack.kill();
      stack = await LocalStack.start(configFile, true, onLog);
      const resumed = await runToEnd(stack, id);
      const states = resumed.events.flatMap((e) => (e.event.event?.$case === 'state_changed' ? [RunState[e.event.event.value.state].replace('RUN_STATE_', '')] : []));
      if (resumed.run.error) states.push(`(${resumed.run.error})`);
      const differing = differingResults(expected, runResults(resumed.run));
      if (differing.length === 0) identical++;
      if (states.includes('INTERRUPTED')) interrupted++;
      rows.push([
        String(i + 1),
        `after event ${k + 1}/${reference.events.length} (${label(reference.events[k].event)}) + ${Math.round(delayMs)} ms`,
        states.join(' → '),
        differing.length === 0 ? `yes (${expected.size} results)` : `no: ${differing.slice(0, 3).join(', ')}${differing.length > 3 ? ', …' : ''}`,
      ]);
    }
    console.log(`\n${formatTable({ headers: ['kill', 'SIGKILL of the orchestrator group', 'run states', 'results identical to the reference'], rows })}\n`);
    console.log(`resume after kill identical to the uninterrupted run: ${identical}/${kills} (${interrupted} of the ${kills} runs interrupted by the kill)`);
    console.log(`wall time ${((performance.now() - started) / 60_000).toFixed(1)} min; service logs ${values.keep ? logFile : '(removed; --keep keeps them)'}`);
  } finally {
    await stack.stop();
    log.end();
    if (!values.keep) fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Starts the run `id` (unless it is already there, as a resumed one is) and follows it to its end. */
async function runToEnd(stack: LocalStack, id: string): Promise<{ run: Run; events: TimedEvent[] }> {
  const known = await unaryCall(stack.client.getRun.bind(stack.client), { run_id: id }).catch(() => undefined);
  if (!known) await unaryCall(stack.client.startRun.bind(stack.client), StartRunRequest.fromPartial({ name: id, config_overrides: {} }));
  const events = await watch(stack, id, 0, (e) => e.event?.$case === 'state_changed' && ![RunState.RUN_STATE_RUNNING, RunState.RUN_STATE_INTERRUPTED].includes(e.event.value.state));
  const { run } = await unaryCall(stack.client.getRun.bind(stack.client), { run_id: id });
  if (!run) throw new Error(`run ${id} vanished`);
  return { run, events };
}

/** The run's events from `from` on, each with its arrival time, until `stop` says so. */
async function watch(stack: LocalStack, id: string, from: number, stop: (event: RunEvent, index: number) => boolean): Promise<TimedEvent[]> {
  const started = performance.now();
  const events: TimedEvent[] = [];
  for await (const m of streamCall(stack.client.watchRun.bind(stack.client), { run_id: id, from_sequence: from })) {
    if (!m.event) continue;
    events.push({ event: m.event, ms: performance.now() - started });
    if (stop(m.event, events.length - 1)) break;
  }
  return events;
}

function label(event: RunEvent): string {
  const body = event.event;
  const what = body?.$case === 'phase_changed' ? Phase[body.value.phase].replace('PHASE_', '').toLowerCase() : (body?.$case ?? '?');
  return `round ${event.round} ${what}`;
}

/** The services no longer running or serving. */
async function deadServices(services: StackService[]): Promise<string[]> {
  const health = await Promise.all(services.map((s) => checkHealth(s.address).catch((error: Error) => error.message)));
  return services.flatMap((s, i) => (isRunning(s.pid) && health[i] === 'SERVING' ? [] : [`${s.name}: ${isRunning(s.pid) ? health[i] : 'exited'}`]));
}

/** Runs other than `expected` (a malformed StartRun that was accepted), cancelled. */
async function runsStartedBy(stack: LocalStack, expected: string[]): Promise<string[]> {
  const { runs } = await unaryCall(stack.client.listRuns.bind(stack.client), { page_size: 1000, page_token: '' });
  const strays = runs.filter((r) => !expected.includes(r.id));
  for (const run of strays) await unaryCall(stack.client.cancelRun.bind(stack.client), { run_id: run.id }).catch(() => undefined);
  return strays.map((r) => r.id);
}

function suiteTable(outcomes: Outcome[]): string {
  const rpcs = [...new Set(outcomes.map((o) => o.request.rpc))];
  const row = (name: string, of: Outcome[]) => {
    const named = of.filter((o) => o.named).length;
    const others = new Map<string, number>();
    for (const o of of.filter((o) => !o.named)) {
      const code = o.answer.code === Status.INVALID_ARGUMENT ? 'INVALID_ARGUMENT, other field' : Status[o.answer.code];
      others.set(code, (others.get(code) ?? 0) + 1);
    }
    const slowest = Math.max(...of.map((o) => o.answer.ms));
    return [name, String(of.length), String(named), `${((100 * named) / of.length).toFixed(1)}%`, [...others].map(([c, n]) => `${n} ${c}`).join(', ') || '–', slowest.toFixed(0)];
  };
  const rows = [...rpcs.map((rpc) => row(rpc, outcomes.filter((o) => o.request.rpc === rpc))), row('all', outcomes)];
  return formatTable({ headers: ['RPC', 'sent', 'INVALID_ARGUMENT naming the field', 'share', 'other answers', 'slowest ms'], rows });
}

function printExceptions(outcomes: Outcome[]): void {
  const exceptions = outcomes.filter((o) => !o.named);
  if (exceptions.length === 0) return;
  console.log('exceptions (not INVALID_ARGUMENT naming the field):');
  for (const o of exceptions) {
    const answer = `${Status[o.answer.code]}${o.answer.fields.length ? ` [${o.answer.fields.join(', ')}]` : ''} ${o.answer.details.slice(0, 120)}`;
    console.log(`  ${o.request.rpc} ${o.request.field}: ${o.request.kind} -> ${answer}`);
  }
  console.log('');
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
