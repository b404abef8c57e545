import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@aero/config';
import {
  AnalyzerServiceClient,
  EquivalenceMethod,
  FinishReason,
  GenerateRequest,
  InferenceGatewayServiceClient,
  Role,
} from '@aero/contracts';
import { loadTemplates, renderPrompt } from '@aero/prompts';
import { connect, unaryCall } from '@aero/service-kit';
import { repoRoot, startServiceProcess, type ServiceProcess } from '@aero/testing';
import { parseJudgeReply } from './domain/parse-judge-reply';

// Both services read the root config.yaml: the engine serves whatever checkpoint engine.model names,
// with the judge prompt, temperature and token budget the analyzer uses.
const config = loadConfig({ file: path.join(repoRoot, 'config.yaml'), env: {} });
const BUDGET = config.aero.max_tokens.judge;
const DEADLINE_MS = 60_000;

/**
 * The model judge end to end on the embedded engine, every part a real process: the inference
 * gateway (starting the engine) and the analyzer with the judge enabled. What must hold whatever
 * the checkpoint: the judge's reply ends within aero.max_tokens.judge and parses as a verdict.
 * Which verdict it gives is the model's business, not this test's.
 */
describe('the judge on the embedded engine', () => {
  const runsDir = mkdtempSync(path.join(os.tmpdir(), 'aero-judge-e2e-'));
  let gateway: ServiceProcess;
  let analyzer: ServiceProcess;
  let engine: InferenceGatewayServiceClient;
  let client: AnalyzerServiceClient;

  beforeAll(async () => {
    const env = { AERO__RUNS_DIR: runsDir, AERO__SERVICES__METRICS_PORT: '-1' };
    gateway = await startServiceProcess('apps/inference-gateway/src/main.ts', ['--port', '0'], { env, timeoutMs: 180_000 });
    analyzer = await startServiceProcess('apps/analyzer/src/main.ts', ['--port', '0'], {
      env: { ...env, AERO__JUDGE__ENABLED: 'true', AERO__SERVICES__INFERENCE_GATEWAY__ADDRESS: gateway.address },
    });
    engine = connect(InferenceGatewayServiceClient, gateway.address);
    client = connect(AnalyzerServiceClient, analyzer.address);
  }, 240_000);
  afterAll(async () => {
    engine?.close();
    client?.close();
    // The gateway stops its engine on SIGTERM: give it the time to do so before SIGKILL.
    await Promise.all([analyzer?.stop(), gateway?.stop(30_000)]);
    rmSync(runsDir, { recursive: true, force: true });
  }, 60_000);

  it.each([
    ['84', '85'],
    ['84', '84'],
    ['84', '(12+30)*2'],
  ])('answers the judge prompt for %s and %s with a whole verdict within the budget', async (a, b) => {
    const prompt = renderPrompt(loadTemplates(config.prompts.profile, config.prompts.dir).judge, { a, b });
    const response = await unaryCall(
      engine.generate.bind(engine),
      GenerateRequest.fromPartial({ messages: [{ role: 'user', content: prompt }], n: 1, temperature: config.aero.temperatures.judge, max_tokens: BUDGET, role: Role.ROLE_JUDGE }),
      { deadline: new Date(Date.now() + DEADLINE_MS) },
    );
    const [choice] = response.choices;
    expect(choice.finish_reason).toBe(FinishReason.FINISH_REASON_STOP);
    expect(response.usage?.completion_tokens).toBeLessThanOrEqual(BUDGET);
    expect(parseJudgeReply(choice.text)).not.toBeNull();
  }, DEADLINE_MS);

  it('decides a pair the cheap methods leave undecided by the judge\'s verdict', async () => {
    // 10000! is beyond what the analyzer evaluates, so only the judge can answer.
    const verdict = await unaryCall(client.checkEquivalence.bind(client), { a: '84', b: '10000!', allow_judge: true }, { deadline: new Date(Date.now() + DEADLINE_MS) });
    expect(verdict.method).toBe(EquivalenceMethod.EQUIVALENCE_METHOD_JUDGE);
    expect(verdict.cached).toBe(false);
  }, DEADLINE_MS);
});
