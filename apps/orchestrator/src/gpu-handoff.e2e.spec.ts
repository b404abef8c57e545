import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { OrchestratorServiceClient, RunState } from '@aero/contracts';
import { connect, streamCall, unaryCall } from '@aero/service-kit';
import { repoRoot, startServiceProcess } from '@aero/testing';
import { writeTestConfig } from './testing/test-config';
import { testModel } from './testing/test-model';

// The production path on this machine: a whole run in local mode with engine backend vllm and
// training backend llamafactory, both played by the stand-ins of the gateway and the trainer (real
// processes that record what they are given, and the embedded engine doing the work). The model is
// a Hub id; the chat template is Qwen3's without thinking. One timeline, written by both stand-ins,
// shows when each vllm serve and each training ran and on which GPUs.

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'orchestrator-gpu-'));
const bin = path.join(work, 'bin');
const hub = path.join(work, 'hub');
let configFile: string;

interface TimelineEvent {
  at: number;
  process: 'vllm' | 'llamafactory-cli train';
  pid: number;
  event: 'start' | 'exit';
  gpus: string;
}
interface Interval {
  process: TimelineEvent['process'];
  gpus: string[];
  from: number;
  to: number;
}

/** An executable `name` in bin/ that runs a stand-in script of another app by its path (run, never imported). */
function standIn(name: string, script: string): string {
  const file = path.join(bin, name);
  fs.writeFileSync(file, `#!${process.execPath}\nrequire(${JSON.stringify(path.join(repoRoot, script))});\n`, { mode: 0o755 });
  return file;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Each process of the timeline as the interval it was alive; one still alive ends now. */
function intervals(file: string): Interval[] {
  const events = fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as TimelineEvent);
  return events
    .filter((e) => e.event === 'start')
    .map((start) => ({
      process: start.process,
      gpus: start.gpus.split(','),
      from: start.at,
      to: events.find((e) => e.pid === start.pid && e.event === 'exit')?.at ?? Date.now(),
    }));
}

const overlap = (a: Interval, b: Interval) => a.from < b.to && b.from < a.to && a.gpus.some((g) => b.gpus.includes(g));

/** A run to its end through an orchestrator in local mode with the stand-ins; returns what they recorded. */
async function runWith(name: string, servingGpus: string, trainingGpus: string) {
  const records = path.join(work, name);
  fs.mkdirSync(records);
  const env = {
    AERO__ENGINE__BACKEND: 'vllm',
    AERO__ENGINE__MODEL: 'test-org/tiny',
    AERO__ENGINE__CHAT_TEMPLATE__NAME: 'qwen3',
    AERO__ENGINE__VLLM__EXECUTABLE: path.join(bin, 'vllm'),
    AERO__ENGINE__VLLM__GPU_GROUPS: `["${servingGpus}"]`,
    AERO__ENGINE__VLLM__PORT_BASE: String(await freePort()),
    AERO__TRAINING__BACKEND: 'llamafactory',
    AERO__TRAINING__LLAMAFACTORY__CLI: path.join(bin, 'llamafactory-cli'),
    AERO__TRAINING__LLAMAFACTORY__GPUS: `"${trainingGpus}"`,
    AERO__RUNS_DIR: path.join(records, 'runs'),
    VLLM_STAND_IN_RECORD_DIR: records,
    VLLM_STAND_IN_HUB: hub,
    VLLM_STAND_IN_LOADING_MS: '200',
    LLAMAFACTORY_STAND_IN_RECORD: path.join(records, 'llamafactory.jsonl'),
    LLAMAFACTORY_STAND_IN_HUB: hub,
    AERO_STAND_IN_TIMELINE: path.join(records, 'timeline.jsonl'),
  };
  const orchestrator = await startServiceProcess('apps/orchestrator/src/main.ts', ['--port', '0', '--config', configFile], { env });
  const client = connect(OrchestratorServiceClient, orchestrator.address);
  try {
    await unaryCall(client.startRun.bind(client), { name, config_overrides: {} });
    for await (const message of streamCall(client.watchRun.bind(client), { run_id: name, from_sequence: 0 })) {
      if (message.event?.event?.$case === 'state_changed' && message.event.event.value.state !== RunState.RUN_STATE_RUNNING) break;
    }
    const { run: finished } = await unaryCall(client.getRun.bind(client), { run_id: name });
    expect([finished?.state, finished?.error]).toEqual([RunState.RUN_STATE_SUCCEEDED, '']);
  } finally {
    client.close();
    await orchestrator.stop(30_000);
  }
  const lines = (file: string) => fs.readFileSync(path.join(records, file), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  const requests = fs.readdirSync(records).filter((f) => f.endsWith('.requests.jsonl')).flatMap(lines) as { at: number; body: Record<string, unknown>; rendered: string }[];
  const rendered = lines('llamafactory.jsonl').filter((e) => e.event === 'rendered') as { examples: { prompt: string; response: string }[] }[];
  return { timeline: intervals(path.join(records, 'timeline.jsonl')), requests, rendered };
}

beforeAll(async () => {
  fs.mkdirSync(bin);
  standIn('vllm', 'apps/inference-gateway/src/testing/vllm.stand-in.cjs');
  standIn('llamafactory-cli', 'apps/trainer/src/testing/llamafactory-cli.stand-in.cjs');
  const model = await testModel(work);
  fs.cpSync(model.dir, path.join(hub, 'test-org', 'tiny'), { recursive: true });
  // A GPU engine's run must fit its context at start-up (budget-report.ts): with the qwen3 chat
  // markup, a refiner request (template, question, candidate, answer) fits 256 tokens at these sizes.
  configFile = writeTestConfig(work, model, { rounds: 1, max_tokens: { generator: 112, solver: 40, refiner: 40, judge: 16 } });
}, 120_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('a run on the production path (vllm and llamafactory-cli stand-ins)', () => {
  it('stops every engine on the training GPUs while the job trains, trains on what vLLM rendered, and stops every chat the same way in every round', async () => {
    const { timeline, requests, rendered } = await runWith('shared', '0', '0');
    const training = timeline.filter((i) => i.process === 'llamafactory-cli train');
    const serving = timeline.filter((i) => i.process === 'vllm');
    expect(training).toHaveLength(1);
    // round 0 and round 1 before the job, the trained model after it
    expect(serving.filter((i) => i.to <= training[0].from).length).toBeGreaterThan(0);
    expect(serving.filter((i) => i.from >= training[0].to).length).toBeGreaterThan(0);
    expect(serving.filter((i) => overlap(i, training[0]))).toEqual([]);

    // Template parity: each example's prompt part, as LLaMA-Factory's qwen3 template renders it
    // with enable_thinking false, is a prompt Qwen3's chat template rendered for vLLM at sampling time.
    const served = new Set(requests.map((r) => r.rendered));
    const examples = rendered.flatMap((r) => r.examples);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      expect(served).toContain(example.prompt);
      expect(example.response.endsWith('<|im_end|>\n')).toBe(true);
    }

    // The end of turn is sent as a stop token with every chat request: to the -Base model of round 0
    // and to the trained model after it alike.
    expect(requests.filter((r) => r.at > training[0].to).length).toBeGreaterThan(0);
    expect(new Set(requests.map((r) => JSON.stringify(r.body.stop_token_ids)))).toEqual(new Set(['[151645]']));
  }, 300_000);

  it('keeps the engines serving while the job trains on other GPUs', async () => {
    const { timeline } = await runWith('disjoint', '1', '0');
    const [training] = timeline.filter((i) => i.process === 'llamafactory-cli train');
    const servingThrough = timeline.filter((i) => i.process === 'vllm' && i.from < training.from && i.to > training.to);
    expect(servingThrough).toHaveLength(1);
  }, 300_000);
});
