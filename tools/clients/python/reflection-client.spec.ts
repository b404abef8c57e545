import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execa } from 'execa';
import { repoRoot, startServiceProcess, type ServiceProcess } from '@aero/testing';

// What grpcurl, Postman or a dynamic client does: no proto files, only what server reflection hands out.
// One call per service. The analyzer's succeeds and its response is decoded with reflected types; the
// others are rejected on a named field, which only a request encoded with the reflected field numbers
// reaches, and the BadRequest naming the field is decoded with reflected types too.
const NOWHERE = '127.0.0.1:1';
const rejected = (field: string) => ({
  code: 'INVALID_ARGUMENT',
  details: [{ '@type': 'google.rpc.BadRequest', field_violations: expect.arrayContaining([expect.objectContaining({ field })]) }],
});
interface ReflectedCall {
  entry: string;
  method: string;
  /** Proto JSON. */
  request: Record<string, unknown>;
  outcome: Record<string, unknown>;
  env?: Record<string, string>;
}
const calls: ReflectedCall[] = [
  {
    entry: 'apps/analyzer/src/main.ts',
    method: 'aero.v1.AnalyzerService/ExtractAnswer',
    request: { text: 'so \\boxed{42}' },
    outcome: { code: 'OK', response: { found: true, answer: '42' } },
  },
  {
    entry: 'apps/inference-gateway/src/main.ts',
    method: 'aero.v1.InferenceGatewayService/Generate',
    request: { prompt: 'Solve 2+3', n: 0 },
    outcome: rejected('n'),
  },
  {
    entry: 'apps/synth/src/main.ts',
    method: 'aero.v1.SynthService/Solve',
    request: { question: '  ', n: 4 },
    outcome: rejected('question'),
    env: { AERO__SERVICES__INFERENCE_GATEWAY__ADDRESS: NOWHERE, AERO__SERVICES__ANALYZER__ADDRESS: NOWHERE },
  },
  {
    entry: 'apps/verifier/src/main.ts',
    method: 'aero.v1.VerifierService/Verify',
    request: { run_id: '', round: 1 },
    outcome: rejected('run_id'),
    env: { AERO__SERVICES__SYNTH__ADDRESS: NOWHERE, AERO__SERVICES__ANALYZER__ADDRESS: NOWHERE },
  },
  {
    entry: 'apps/trainer/src/main.ts',
    method: 'aero.v1.TrainerService/BuildDataset',
    request: { run_id: '../etc', round: 1 },
    outcome: rejected('run_id'),
  },
  {
    entry: 'apps/orchestrator/src/main.ts',
    method: 'aero.v1.OrchestratorService/GetRun',
    request: { run_id: '../etc' },
    outcome: rejected('run_id'),
  },
];

describe('a Python client driven by server reflection', () => {
  let dir: string;
  let servers: ServiceProcess[] = [];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aero-py-reflection-'));
    // Run store and engine logs in the temporary folder and no fixed metrics port: nothing here shares
    // state or ports with a run on this machine.
    const env = {
      AERO__RUNS_DIR: path.join(dir, 'runs'),
      AERO__ORCHESTRATOR__RESUME_INTERRUPTED: 'false',
      AERO__SERVICES__METRICS_PORT: '-1',
    };
    const started = await Promise.allSettled(
      calls.map((c) => startServiceProcess(c.entry, ['--port', '0'], { env: { ...env, ...c.env }, timeoutMs: 90_000 })),
    );
    // Every server that did start is stopped in afterAll, also when another one failed to.
    servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists each service and calls one method of each, with types built from the descriptors it sent', async () => {
    const script = path.join(repoRoot, 'tools/clients/python/call_by_reflection.py');
    const specs = calls.map((c, i) => ({ address: servers[i].address, method: c.method, request: c.request }));
    const result = await execa('/usr/bin/python3', [script, dir, JSON.stringify(specs)]);
    expect(JSON.parse(result.stdout)).toEqual(calls.map((c) => ({ listed: [c.method.split('/')[0]], ...c.outcome })));
  }, 60_000);
});
