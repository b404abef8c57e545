import { status as Status } from '@grpc/grpc-js';
import {
  FinishReason,
  GenerateQuestionsRequest,
  RefineRequest,
  Role,
  SolveRequest,
  SynthServiceClient,
  type Question,
} from '@aero/contracts';
import { loadTemplates, rolePrompts } from '@aero/prompts';
import { RpcError, connect, streamCall, unaryCall } from '@aero/service-kit';
import { describeServiceContract, failureOf, startServiceProcess, type ServiceProcess } from '@aero/testing';
import * as path from 'node:path';
import { loadConfig } from '@aero/config';
import { startRecordingGateway, type RecordingGateway } from './testing/recording-gateway';

// The services under test read the root config.yaml; the expected budgets come from the same file.
const { max_tokens: MAX_TOKENS, temperatures: TEMPERATURES } = loadConfig({ file: path.resolve(__dirname, '../../../config.yaml'), env: {} }).aero;

const ENTRY = 'apps/synth/src/main.ts';
const NOWHERE = '127.0.0.1:1';
/** A deadline for calls that must fail, so a regression fails the test instead of hanging it. */
const soon = () => ({ deadline: new Date(Date.now() + 4000) });

describeServiceContract({
  entry: ENTRY,
  service: 'aero.v1.SynthService',
  client: SynthServiceClient,
  malformed: { call: (c) => unaryCall(c.solve.bind(c), SolveRequest.fromPartial({ question: '  ', n: 4 })), field: 'question' },
  env: { AERO__SERVICES__INFERENCE_GATEWAY__ADDRESS: NOWHERE, AERO__SERVICES__ANALYZER__ADDRESS: NOWHERE },
});

// The "model" behind the recording gateway: solver choices alternate between a right and a wrong
// boxed answer plus one without a box; the refiner always boxes 19.
const SOLUTIONS = ['12+7=19\n\\boxed{19}', '12+7=18\n\\boxed{18}', '12+7='];
const model = (request: { n: number; role: Role }) =>
  Array.from({ length: request.n }, (_, i) => (request.role === Role.ROLE_REFINER ? '12+7=19\n\\boxed{19}' : SOLUTIONS[i % 3]));

describe('SynthService through a recording gateway and the real analyzer', () => {
  let gateway: RecordingGateway;
  let analyzer: ServiceProcess;
  let synth: ServiceProcess;
  let production: ServiceProcess;
  let client: SynthServiceClient;
  const clients: SynthServiceClient[] = [];
  const open = (address: string) => {
    const c = connect(SynthServiceClient, address);
    clients.push(c);
    return c;
  };
  const synthEnv = (extra: Record<string, string> = {}) => ({
    AERO__SERVICES__INFERENCE_GATEWAY__ADDRESS: gateway.address,
    AERO__SERVICES__ANALYZER__ADDRESS: analyzer.address,
    AERO__AERO__SAMPLING_N: '6',
    ...extra,
  });

  beforeAll(async () => {
    [gateway, analyzer] = await Promise.all([startRecordingGateway(model), startServiceProcess('apps/analyzer/src/main.ts', ['--port', '0'])]);
    [synth, production] = await Promise.all([
      startServiceProcess(ENTRY, ['--port', '0'], { env: synthEnv() }),
      startServiceProcess(ENTRY, ['--port', '0'], { env: synthEnv({ AERO__PROMPTS__PROFILE: 'production' }) }),
    ]);
    client = open(synth.address);
  }, 60_000);
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await Promise.all([synth?.stop(), production?.stop(), analyzer?.stop(), gateway?.stop()]);
  }, 30_000);
  beforeEach(() => {
    gateway.calls.length = 0;
    gateway.script(model);
  });

  it('Solve draws n samples in ONE gateway call and records the exact solver prompt', async () => {
    const response = await unaryCall(client.solve.bind(client), SolveRequest.fromPartial({ question: '12+7', n: 16, seed: 5 }));
    expect(gateway.calls).toHaveLength(1);
    const { request } = gateway.calls[0];
    expect(request).toMatchObject({ n: 16, role: Role.ROLE_SOLVER, temperature: 1, max_tokens: MAX_TOKENS.solver, seed: 5, prompt: '' });
    expect(request.messages).toEqual([{ role: 'user', content: 'Solve 12+7\n' }]);
    expect(response.prompt).toBe('Solve 12+7\n');
    expect(response.samples).toHaveLength(16);
    expect(response.samples.slice(0, 3)).toEqual([
      { index: 0, text: SOLUTIONS[0], answer: '19', parsed: true, finish_reason: FinishReason.FINISH_REASON_STOP, completion_tokens: SOLUTIONS[0].length },
      { index: 1, text: SOLUTIONS[1], answer: '18', parsed: true, finish_reason: FinishReason.FINISH_REASON_STOP, completion_tokens: SOLUTIONS[1].length },
      { index: 2, text: SOLUTIONS[2], answer: '', parsed: false, finish_reason: FinishReason.FINISH_REASON_STOP, completion_tokens: SOLUTIONS[2].length },
    ]);
    expect(response.usage?.completion_tokens).toBe(response.samples.reduce((s, x) => s + x.completion_tokens, 0));
  });

  it('Solve takes n, temperature and max_tokens from the config when the request leaves them unset', async () => {
    const response = await unaryCall(client.solve.bind(client), SolveRequest.fromPartial({ question: '12+7', temperature: 0 }));
    expect(response.samples).toHaveLength(6);
    expect(gateway.calls[0].request).toMatchObject({ n: 6, temperature: 0, max_tokens: MAX_TOKENS.solver });
    expect(gateway.calls[0].request.seed).toBeUndefined();
  });

  it('passes the caller deadline on to the gateway', async () => {
    const deadline = new Date(Date.now() + 20_000);
    await unaryCall(client.solve.bind(client), SolveRequest.fromPartial({ question: '1+1', n: 2 }), { deadline });
    expect(Math.abs(gateway.calls[0].deadline!.getTime() - deadline.getTime())).toBeLessThan(1000);
  });

  it('Refine sends the question and the candidate alone, at the refiner temperature', async () => {
    const candidate = '12+7=18\n\\boxed{18}';
    const response = await unaryCall(client.refine.bind(client), RefineRequest.fromPartial({ question: '12+7', candidate, seed: 9 }));
    const prompt = `Solve 12+7\nSuspect:\n${candidate}\nRedo:\n`;
    expect(gateway.calls.map((c) => c.request)).toEqual([
      expect.objectContaining({ n: 1, role: Role.ROLE_REFINER, temperature: TEMPERATURES.refiner, max_tokens: MAX_TOKENS.refiner, seed: 9, messages: [{ role: 'user', content: prompt }] }),
    ]);
    expect(response.prompt).toBe(prompt);
    expect(response.refinement).toMatchObject({ index: 0, answer: '19', parsed: true });
  });

  it('GenerateQuestions streams in index order with seed + index, the prompt and raw output, and drops empty outputs', async () => {
    gateway.script((request) => {
      const index = request.seed! - 100;
      if (index === 4) return ['   '];
      if (index === 5) return ['7*8-1'];
      return [JSON.stringify({ question: `${index}+${index}`, meta: { knowledge_points: ['add'], domain: 'arithmetic', background: '' } })];
    });
    const questions: Question[] = [];
    const request = GenerateQuestionsRequest.fromPartial({ round: 2, start_index: 3, count: 5, seed: 100, concurrency: 2 });
    for await (const message of streamCall(client.generateQuestions.bind(client), request)) questions.push(message.question!);
    expect(gateway.calls.map((c) => c.request.seed).sort()).toEqual([103, 104, 105, 106, 107]);
    expect(gateway.calls.every((c) => c.request.role === Role.ROLE_GENERATOR && c.request.n === 1 && c.request.max_tokens === MAX_TOKENS.generator)).toBe(true);
    expect(questions.map((q) => [q.id, q.index, q.text, q.parsed])).toEqual([
      ['r2-q0003', 3, '3+3', true],
      ['r2-q0005', 5, '7*8-1', false],
      ['r2-q0006', 6, '6+6', true],
      ['r2-q0007', 7, '7+7', true],
    ]);
    expect(questions[0]).toMatchObject({ round: 2, prompt: 'Write a problem as JSON.\n', meta: { domain: 'arithmetic', knowledge_points: ['add'] } });
    expect(questions[1].raw_output).toBe('7*8-1');
  });

  it('renders the production templates when prompts.profile is production', async () => {
    const prompts = rolePrompts(loadTemplates('production'));
    const c = open(production.address);
    const solved = await unaryCall(c.solve.bind(c), SolveRequest.fromPartial({ question: 'What is 12+7?', n: 2 }));
    const refined = await unaryCall(c.refine.bind(c), RefineRequest.fromPartial({ question: 'What is 12+7?', candidate: 'x' }));
    expect(solved.prompt).toBe(prompts.solver('What is 12+7?'));
    expect(refined.prompt).toBe(prompts.refiner('What is 12+7?', 'x'));
    expect(gateway.calls.map((call) => call.request.messages[0].content)).toEqual([solved.prompt, refined.prompt]);
  });

  it.each([
    ['n above 1024', SolveRequest.fromPartial({ question: 'q', n: 1025 }), 'n'],
    ['a temperature above 2', SolveRequest.fromPartial({ question: 'q', temperature: 2.5 }), 'temperature'],
    ['max_tokens of 0', SolveRequest.fromPartial({ question: 'q', max_tokens: 0 }), 'max_tokens'],
    ['max_tokens above 2^20', SolveRequest.fromPartial({ question: 'q', max_tokens: 1_048_577 }), 'max_tokens'],
    ['a seed beyond uint32', SolveRequest.fromPartial({ question: 'q', seed: 2 ** 32 }), 'seed'],
  ])('rejects %s with INVALID_ARGUMENT naming the field, before calling the gateway', async (_case, request, field) => {
    const failure = await failureOf(unaryCall(client.solve.bind(client), request));
    expect(failure.code).toBe(Status.INVALID_ARGUMENT);
    expect(failure.details).toContain(field);
    expect(gateway.calls).toHaveLength(0);
  });

  it('rejects GenerateQuestions whose last question would be seeded beyond uint32, before calling the gateway', async () => {
    const request = GenerateQuestionsRequest.fromPartial({ round: 1, start_index: 10, count: 5, seed: 2 ** 32 - 14 });
    const failure = await failureOf((async () => { for await (const _ of streamCall(client.generateQuestions.bind(client), request, soon())); })());
    expect(failure.code).toBe(Status.INVALID_ARGUMENT);
    expect(failure.details).toContain('seed: gives the last question seed + start_index + count - 1 = 4294967296');
    expect(gateway.calls).toHaveLength(0);
  });

  it('rejects GenerateQuestions without a round or a count', async () => {
    const stream = streamCall(client.generateQuestions.bind(client), GenerateQuestionsRequest.fromPartial({ round: 0, count: 1 }), soon());
    const failure = await failureOf((async () => { for await (const _ of stream); })());
    expect(failure.code).toBe(Status.INVALID_ARGUMENT);
    expect(failure.details).toContain('round');
  });

  it('answers UNAVAILABLE, naming the gateway, when the gateway has no engine', async () => {
    gateway.script(() => {
      throw RpcError.unavailable('no engine instance is ready');
    });
    const failure = await failureOf(unaryCall(client.solve.bind(client), SolveRequest.fromPartial({ question: 'q', n: 2 })));
    expect(failure.code).toBe(Status.UNAVAILABLE);
    expect(failure.details).toMatch(/inference gateway at 127\.0\.0\.1:\d+ failed \(UNAVAILABLE\): no engine instance is ready/);
  });

  it('fails the question stream with the gateway status', async () => {
    gateway.script(() => {
      throw new RpcError(Status.RESOURCE_EXHAUSTED, 'queue full');
    });
    const stream = streamCall(client.generateQuestions.bind(client), GenerateQuestionsRequest.fromPartial({ round: 1, count: 3 }), soon());
    const failure = await failureOf((async () => { for await (const _ of stream); })());
    expect(failure.code).toBe(Status.RESOURCE_EXHAUSTED);
    expect(failure.details).toContain('inference gateway');
  });
});

describe('SynthService with its dependencies down', () => {
  let gateway: RecordingGateway;
  let synth: ServiceProcess;
  let client: SynthServiceClient;

  beforeAll(async () => {
    gateway = await startRecordingGateway(model);
    synth = await startServiceProcess(ENTRY, ['--port', '0'], {
      env: { AERO__SERVICES__INFERENCE_GATEWAY__ADDRESS: NOWHERE, AERO__SERVICES__ANALYZER__ADDRESS: NOWHERE },
    });
    client = connect(SynthServiceClient, synth.address);
  }, 60_000);
  afterAll(async () => {
    client.close();
    await Promise.all([synth?.stop(), gateway?.stop()]);
  }, 30_000);

  it('answers UNAVAILABLE with a message naming the unreachable gateway', async () => {
    const failure = await failureOf(unaryCall(client.refine.bind(client), RefineRequest.fromPartial({ question: 'q', candidate: 'c' })));
    expect(failure.code).toBe(Status.UNAVAILABLE);
    expect(failure.details).toContain(`inference gateway at ${NOWHERE} failed (UNAVAILABLE)`);
  });

  it('answers UNAVAILABLE naming the analyzer when the gateway answers but the analyzer is unreachable', async () => {
    const other = await startServiceProcess(ENTRY, ['--port', '0'], {
      env: { AERO__SERVICES__INFERENCE_GATEWAY__ADDRESS: gateway.address, AERO__SERVICES__ANALYZER__ADDRESS: NOWHERE },
    });
    const c = connect(SynthServiceClient, other.address);
    const failure = await failureOf(unaryCall(c.solve.bind(c), SolveRequest.fromPartial({ question: 'q', n: 2 })));
    c.close();
    await other.stop();
    expect(failure.code).toBe(Status.UNAVAILABLE);
    expect(failure.details).toContain(`analyzer at ${NOWHERE} failed (UNAVAILABLE)`);
  }, 30_000);

  it('refuses to start without a gateway address, naming the key', async () => {
    await expect(startServiceProcess(ENTRY, ['--port', '0'], { env: { AERO__SERVICES__ANALYZER__ADDRESS: NOWHERE } })).rejects.toThrow(
      /services\.inference_gateway\.address is not configured/,
    );
  }, 30_000);
});
