/**
 * Round benchmark: where the wall time of one AERO round goes, phase by phase, each phase beside its
 * floor, and the round against its 10 s target (issue 18).
 *
 * Usage: node --import tsx tools/bench/round/bench.ts [--questions 256] [--n 8] [--rounds 2]
 *
 * The round is config.yaml's as shipped (embedded engine on the base checkpoint, training and the
 * whole benchmark's evaluation) with the given questions and samples; the last of --rounds is the one
 * measured. Round 1 trains the generator only (the solver learns from round r-1's labels), so the
 * default measures round 2, the first round that trains both roles as every later round does. The five
 * services run as processes (local-mode code) and the orchestrator as a separate process in remote
 * mode; the run is started with StartRun and its phases are timed from its journal (phase-timings.ts).
 * A run starts with round 0, the base model's evaluation, which is reported but is not the round;
 * the rounds between it and the measured one are not reported.
 *
 * Floors, all measured in the same run:
 *  - generating, synthesizing, evaluating: the completion tokens the phase decoded (the gateway's
 *    per-role token counter, read between phases whose roles differ, so no count leaks into another
 *    phase) divided by the engine's saturated decode throughput, measured just before the run with
 *    synth.Solve at n = 64: the better of one request at a time (the inner loop's 8 questions x 8
 *    samples in flight) and 4 at once (256 sequences, the engine's whole batch). Prompt prefill is
 *    left out.
 *  - training: the job's FLOPs (training-flops.ts) divided by the machine's sgemm peak: numpy/OpenBLAS
 *    on a 512³ product, the better of 1 and 2 threads (2 threads collapse when the cores are busy).
 *  - start-up (process start to the first engine request answered), building the dataset and serving
 *    (swapping the engine to the trained model): no floor.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { InferenceGatewayServiceClient, Phase, RunEvent, SynthServiceClient } from '@aero/contracts';
import { loadConfig, type AeroConfig } from '@aero/config';
import { connect, unaryCall } from '@aero/service-kit';
import { formatTable } from '../../../apps/orchestrator/src/domain/format-table';
import { phaseTimings, type PhaseTiming } from '../../../apps/orchestrator/src/domain/report/phase-timings';
import { blasRates } from '../shared/blas-rates';
import { startRemoteStack } from '../shared/remote-stack';
import { runToEnd } from '../shared/run-to-end';
import { completionTokens, type RoleTokens } from './gateway-tokens';
import { trainingFlops } from './training-flops';

const ROOT = path.resolve(__dirname, '../../..');
const CONFIG_FILE = path.join(ROOT, 'config.yaml');
const TARGET_S = 10;
const SATURATION_N = 64;
const SATURATION_REPS = 3;
/** Requests of n = 64 at once that fill the engine's batch (its --max-num-seqs, 256). */
const SATURATION_PARALLEL = 4;
const SGEMM = 512;
const RUN = 'round';

const { values } = parseArgs({ options: { questions: { type: 'string', default: '256' }, n: { type: 'string', default: '8' }, rounds: { type: 'string', default: '2' } } });
const MEASURED = Number(values.rounds);
if (!Number.isInteger(MEASURED) || MEASURED < 1) throw new Error(`--rounds must be a positive integer, got ${values.rounds}`);
const overrides = { 'aero.rounds': String(MEASURED), 'aero.questions_per_round': values.questions, 'aero.sampling_n': values.n };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = () => performance.now() / 1000;
const phaseName = (phase: Phase) => Phase[phase].replace('PHASE_', '').replace('_', ' ').toLowerCase();

/** What a phase had to do and the least time the machine needs for it. */
interface Floor {
  work: string;
  seconds: number;
}

async function main(): Promise<void> {
  const config = loadConfig({ file: CONFIG_FILE, overrides });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-round-'));
  const runsDir = path.join(work, 'runs');
  // Every process of the stack inherits these: quiet logs, and no fixed metrics port of the
  // orchestrator's to collide with another stack on this host.
  process.env.AERO__LOGGING__LEVEL = 'warn';
  process.env.AERO__ORCHESTRATOR__METRICS_PORT = '-1';
  const load0 = os.loadavg()[0];

  const stack = await startRemoteStack({ configFile: CONFIG_FILE, runsDir, metricsPort: 0 });
  const synth = connect(SynthServiceClient, stack.addresses.synth);
  const gateway = connect(InferenceGatewayServiceClient, stack.addresses.inference_gateway);
  const tokens = new Map<string, RoleTokens>();
  try {
    const listening = seconds();
    await unaryCall(synth.solve.bind(synth), { question: '1+1', n: 1, temperature: 0, max_tokens: 1, seed: 0 });
    const startup = { listening, answered: seconds() };
    const metricsPort = (await unaryCall(gateway.getStatus.bind(gateway), {})).metrics_port;
    if (!metricsPort) throw new Error('the gateway serves no metrics: its token counter is what the floors are computed from');

    /** Decoded tokens per second with `parallel` requests of n = 64 at once, median of the repetitions. */
    const decodeRate = async (parallel: number): Promise<number> => {
      const rates: number[] = [];
      for (let rep = 0; rep < SATURATION_REPS; rep++) {
        const before = (await completionTokens(metricsPort)).solver;
        const started = seconds();
        const request = (i: number) => ({ question: '(12+3)*4-5', n: SATURATION_N, temperature: 1, max_tokens: config.aero.max_tokens.solver, seed: rep * parallel + i });
        await Promise.all(Array.from({ length: parallel }, (_, i) => unaryCall(synth.solve.bind(synth), request(i))));
        const elapsed = seconds() - started;
        rates.push(((await completionTokens(metricsPort)).solver - before) / elapsed);
      }
      return median(rates);
    };
    const decode = { inner: await decodeRate(1), full: await decodeRate(SATURATION_PARALLEL) };

    // Solver tokens come from round 0's evaluation, the rounds before the measured one, its inner loop
    // and its evaluation, which the generating and dataset phases separate: the counter is read as
    // round 1 begins (round 0's evaluation is over) and as each of the measured round's phases begins.
    tokens.set('start', await completionTokens(metricsPort));
    const events = await runToEnd(stack.orchestrator, RUN, overrides, async (event) => {
      const body = event.event;
      if (body?.$case !== 'phase_changed') return;
      if (event.round === 1 && body.value.phase === Phase.PHASE_GENERATING) tokens.set('round 1', await completionTokens(metricsPort));
      if (event.round !== MEASURED) return;
      if (body.value.phase === Phase.PHASE_GENERATING) tokens.set('generating', await completionTokens(metricsPort));
      if (body.value.phase === Phase.PHASE_BUILDING_DATASET) tokens.set('building', await completionTokens(metricsPort));
    });
    tokens.set('end', await completionTokens(metricsPort));
    await report(config, path.join(runsDir, RUN), events, startup, decode, tokens, load0);
  } finally {
    synth.close();
    gateway.close();
    await stack.stop();
  }
  console.log(`\nrun folder: ${path.join(runsDir, RUN)}`);
}

async function report(config: AeroConfig, runDir: string, events: RunEvent[], startup: { listening: number; answered: number }, decode: { inner: number; full: number }, tokens: Map<string, RoleTokens>, load0: number): Promise<void> {
  const at = (mark: string): RoleTokens => {
    const t = tokens.get(mark);
    if (!t) throw new Error(`the run never reached the point "${mark}" (no phase change there in its journal)`);
    return t;
  };
  const [generating, building, end] = [at('generating'), at('building'), at('end')];
  const decoded = {
    evaluation0: at('round 1').solver - at('start').solver,
    generating: building.generator - generating.generator,
    synthesizing: building.solver - generating.solver + building.refiner - generating.refiner,
    evaluation: end.solver - building.solver,
  };
  const saturated = Math.max(decode.inner, decode.full);
  const decodeFloor = (count: number): Floor => ({ work: `${count} tokens`, seconds: count / saturated });

  // Measured once the round is over, so that the stack, idle now, takes no core from it.
  const sgemm = async (threads: number) => (await blasRates({ square: [[SGEMM, SGEMM, SGEMM]] }, threads, 3)).square.median;
  const blas = { 1: await sgemm(1), 2: await sgemm(2) };
  const peak = Math.max(blas[1], blas[2]);
  const built = events.findLast((e) => e.round === MEASURED && e.event?.$case === 'dataset_built');
  const dataset = built?.event?.$case === 'dataset_built' && built.event.value.total > 0 ? built.event.value : undefined;
  // A run's journal may hold its paths relative to the run's folder (a moved run still reads them).
  const training = dataset ? trainingFlops(config.engine.model, path.resolve(runDir, dataset.dataset_dir), dataset.dataset, config.training.kto) : undefined;

  const floors = new Map<Phase, Floor>([
    [Phase.PHASE_GENERATING, decodeFloor(decoded.generating)],
    [Phase.PHASE_SYNTHESIZING, decodeFloor(decoded.synthesizing)],
    [Phase.PHASE_EVALUATING, decodeFloor(decoded.evaluation)],
  ]);
  if (training) floors.set(Phase.PHASE_TRAINING, { work: `${(training.flops / 1e12).toFixed(2)} TFLOP`, seconds: training.flops / peak / 1e9 });

  const timings = phaseTimings(events);
  const round = timings.find((t) => t.round === MEASURED);
  if (!round) throw new Error(`the run has no round ${MEASURED} in its journal`);
  const round0 = timings.find((t) => t.round === 0)?.phases ?? [];
  const f = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  const items = (p: PhaseTiming) => (p.items ? `${p.items.count} ${p.items.unit}` : '');
  const row = (name: string, wall: number, itemText: string, share: string, floor?: Floor): string[] => [
    name, itemText, f(wall), share, floor?.work ?? '', floor ? f(floor.seconds) : '—', floor ? `${f(wall / floor.seconds)}×` : '',
  ];
  const before = [
    row('start-up: services listening', startup.listening, '', '—'),
    row('start-up: first engine request answered', startup.answered, '', '—'),
    ...round0.map((p) => row(`round 0: ${p.phase === Phase.PHASE_UNSPECIFIED ? 'run start' : phaseName(p.phase)}`, p.seconds, items(p), '—', p.phase === Phase.PHASE_EVALUATING ? decodeFloor(decoded.evaluation0) : undefined)),
  ];
  const phases = round.phases.map((p) => row(phaseName(p.phase), p.seconds, items(p), `${((100 * p.seconds) / round.seconds).toFixed(0)} %`, floors.get(p.phase)));
  const floorSum = round.phases.reduce((sum, p) => sum + (floors.get(p.phase)?.seconds ?? 0), 0);
  const total = row(`round ${MEASURED} total`, round.seconds, '', '100 %', { work: 'sum of the floors', seconds: floorSum });

  const { aero } = config;
  console.log(`\nOne AERO round: ${aero.questions_per_round} questions × n = ${aero.sampling_n}, config.yaml as shipped (model ${path.relative(ROOT, config.engine.model)}, ` +
    `training.embedded.workers ${config.training.embedded.workers}); ${os.cpus().length} cores, ` +
    `1-minute load average ${load0.toFixed(1)} at the start and ${os.loadavg()[0].toFixed(1)} at the end.`);
  console.log(`engine decode (synth.Solve n = ${SATURATION_N}, median of ${SATURATION_REPS}): ${decode.inner.toFixed(0)} tokens/s one request at a time, ` +
    `${decode.full.toFixed(0)} with ${SATURATION_PARALLEL} at once, floor uses ${saturated.toFixed(0)}; ` +
    `sgemm peak (numpy/OpenBLAS ${SGEMM}³): ${blas[1].toFixed(1)} GFLOP/s on 1 thread, ${blas[2].toFixed(1)} on 2, floor uses ${peak.toFixed(1)}` +
    (training ? `; training: ${training.examples} examples, ${training.tokens} tokens` : '; training: no dataset, no floor') + '.\n');
  console.log(formatTable({ headers: ['phase', 'items', 'wall s', 'share of round', 'work', 'floor s', 'wall / floor'], rows: [...before, ...phases, total] }));
  const steps = trainingSpans(events, MEASURED);
  if (steps) {
    const perStep = steps.count > 1 ? steps.between / (steps.count - 1) : 0;
    console.log(`\ntraining: ${f(steps.beforeFirst)} s from the phase's start to its first step logged (job and engine process start, checkpoint and dataset load, step 1: ` +
      `about ${f(steps.beforeFirst - perStep)} s beyond a step), ${f(steps.between)} s for the ${steps.count - 1} steps after it (${f(perStep)} s a step), ` +
      `${f(steps.afterLast)} s from the last step to the trained model recorded (checkpoint written, job end).`);
  }
  console.log(`\nround ${MEASURED}: ${f(round.seconds)} s against the ${TARGET_S} s target: ${f(round.seconds / TARGET_S)}× the target; its floor ${f(floorSum)} s is ${f(floorSum / TARGET_S)}× the target.`);
}

/** Where a round's training phase spent its time, from the journal's event times (the trainer reports steps as it logs them). */
function trainingSpans(events: readonly RunEvent[], round: number): { beforeFirst: number; between: number; afterLast: number; count: number } | undefined {
  const time = (e: RunEvent) => Date.parse(e.time) / 1000;
  const inRound = events.filter((e) => e.round === round);
  const start = inRound.find((e) => e.event?.$case === 'phase_changed' && e.event.value.phase === Phase.PHASE_TRAINING);
  const progress = inRound.filter((e) => e.event?.$case === 'training_progress');
  const trained = inRound.find((e) => e.event?.$case === 'model_trained');
  if (!start || progress.length === 0 || !trained) return undefined;
  const first = time(progress[0]);
  const last = time(progress[progress.length - 1]);
  return { beforeFirst: first - time(start), between: last - first, afterLast: time(trained) - last, count: progress.length };
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
