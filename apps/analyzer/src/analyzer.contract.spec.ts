import { status as Status } from '@grpc/grpc-js';
import {
  AnalyzerServiceClient,
  EquivalenceMethod,
  ExtractionMode,
  QuestionStatus,
  type AnalyzeRequest,
  type CheckEquivalenceRequest,
  type ExtractAnswersRequest,
} from '@aero/contracts';
import { loadTemplates, renderPrompt } from '@aero/prompts';
import { connect, RpcError, unaryCall } from '@aero/service-kit';
import { describeServiceContract, failureOf, startServiceProcess, type ServiceProcess } from '@aero/testing';
import * as path from 'node:path';
import { loadConfig } from '@aero/config';
import { EVENT_LOOP_PROBE, maxLoopDelay } from './testing/max-loop-delay';
import { startGatewayStandIn, type GatewayStandIn } from './testing/start-gateway-stand-in';

// The service under test reads the root config.yaml; the expected budget comes from the same file.
const JUDGE_MAX_TOKENS = loadConfig({ file: path.resolve(__dirname, '../../../config.yaml'), env: {} }).aero.max_tokens.judge;

const ENTRY = 'apps/analyzer/src/main.ts';

describeServiceContract({
  entry: ENTRY,
  service: 'aero.v1.AnalyzerService',
  client: AnalyzerServiceClient,
  malformed: { call: (c) => unaryCall(c.checkEquivalence.bind(c), { a: '', b: '1', allow_judge: false }), field: 'a' },
});

describe('AnalyzerService RPCs', () => {
  let gateway: GatewayStandIn;
  let plain: ServiceProcess;
  let production: ServiceProcess;
  let judged: ServiceProcess;
  const clients: AnalyzerServiceClient[] = [];
  const client = (p: ServiceProcess) => {
    const c = connect(AnalyzerServiceClient, p.address);
    clients.push(c);
    return c;
  };
  const check = (p: ServiceProcess, request: Partial<CheckEquivalenceRequest>) => {
    const c = client(p);
    return unaryCall(c.checkEquivalence.bind(c), { a: '', b: '', allow_judge: false, ...request });
  };
  const analyze = (p: ServiceProcess, request: Partial<AnalyzeRequest>) => {
    const c = client(p);
    return unaryCall(c.analyze.bind(c), { samples: [], allow_judge: false, thresholds: undefined, ...request });
  };

  beforeAll(async () => {
    gateway = await startGatewayStandIn((request) => {
      const prompt = request.messages[0]?.content ?? '';
      if (prompt.includes('outage')) throw RpcError.unavailable('no engine ready');
      if (prompt.includes('crimson')) return '{"equivalent": true}';
      return 'not sure';
    });
    [plain, production, judged] = await Promise.all([
      startServiceProcess(ENTRY, ['--port', '0']),
      startServiceProcess(ENTRY, ['--port', '0'], { env: { AERO__PROMPTS__PROFILE: 'production' } }),
      startServiceProcess(ENTRY, ['--port', '0'], {
        env: { AERO__JUDGE__ENABLED: 'true', AERO__SERVICES__INFERENCE_GATEWAY__ADDRESS: gateway.address },
      }),
    ]);
  }, 60_000);
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await Promise.all([plain?.stop(), production?.stop(), judged?.stop(), gateway?.stop()]);
  });
  beforeEach(() => gateway.requests.splice(0));

  describe('ExtractAnswer', () => {
    it('returns the last closed box, nested braces whole', async () => {
      const c = client(plain);
      expect(await unaryCall(c.extractAnswer.bind(c), { text: 'try \\boxed{1}, no: \\boxed{\\frac{1}{\\sqrt{2}}}' })).toEqual({
        found: true,
        answer: '\\frac{1}{\\sqrt{2}}',
      });
    });

    it('reads answers strictly by default on the embedded profile, leniently when asked or on the production profile', async () => {
      const text = 'so \\boxed{1}\\boxed{2}';
      const c = client(plain);
      expect(await unaryCall(c.extractAnswer.bind(c), { text })).toEqual({ found: true, answer: '2' });
      expect(await unaryCall(c.extractAnswer.bind(c), { text, mode: ExtractionMode.EXTRACTION_MODE_LENIENT })).toEqual({ found: true, answer: '1, 2' });
      const p = client(production);
      expect(await unaryCall(p.extractAnswer.bind(p), { text: 'Final Answer: The largest n is 34.' })).toEqual({ found: true, answer: '34' });
      expect(await unaryCall(p.extractAnswer.bind(p), { text, mode: ExtractionMode.EXTRACTION_MODE_STRICT })).toEqual({ found: true, answer: '2' });
    });

    it('rejects an unknown extraction mode naming the field', async () => {
      const c = client(plain);
      const failure = await failureOf(unaryCall(c.extractAnswer.bind(c), { text: 'x', mode: 7 as ExtractionMode }));
      expect(failure.code).toBe(Status.INVALID_ARGUMENT);
      expect(failure.details).toContain('mode');
    });

    it('reports a parse failure as found = false', async () => {
      const c = client(plain);
      expect(await unaryCall(c.extractAnswer.bind(c), { text: 'no box here \\boxed{1' })).toEqual({ found: false, answer: '' });
      expect(await unaryCall(c.extractAnswer.bind(c), { text: '' })).toEqual({ found: false, answer: '' });
    });

    it('rejects a text over the size limit naming the field', async () => {
      const c = client(plain);
      const failure = await failureOf(unaryCall(c.extractAnswer.bind(c), { text: 'x'.repeat(1_000_001) }));
      expect(failure.code).toBe(Status.INVALID_ARGUMENT);
      expect(failure.details).toContain('text');
    });
  });

  describe('ExtractAnswers', () => {
    const extract = (p: ServiceProcess, request: Partial<ExtractAnswersRequest>) => {
      const c = client(p);
      return unaryCall(c.extractAnswers.bind(c), { texts: [], ...request });
    };

    it('answers every text in order, as ExtractAnswer answers each', async () => {
      const texts = ['7+5=12\n12-3=9\n\\boxed{9}', 'no box here', '', 'Thus \\boxed{1}\\boxed{2}', 'try \\boxed{1}, no: \\boxed{\\frac{1}{\\sqrt{2}}}'];
      const c = client(plain);
      const one = await Promise.all(texts.map((text) => unaryCall(c.extractAnswer.bind(c), { text })));
      const { answers } = await extract(plain, { texts });
      expect(answers).toEqual(one);
      expect(answers.map((a) => a.answer)).toEqual(['9', '', '', '2', '\\frac{1}{\\sqrt{2}}']);
    });

    it('reads every text by the mode of the request, else the deployment\'s', async () => {
      const texts = ['Thus \\boxed{1}\\boxed{2}', 'Final Answer: The largest n is 34.'];
      expect((await extract(plain, { texts, mode: ExtractionMode.EXTRACTION_MODE_LENIENT })).answers.map((a) => a.answer)).toEqual(['1, 2', '34']);
      expect((await extract(production, { texts })).answers.map((a) => a.answer)).toEqual(['1, 2', '34']);
      expect((await extract(production, { texts, mode: ExtractionMode.EXTRACTION_MODE_STRICT })).answers.map((a) => a.found)).toEqual([true, false]);
    });

    it.each([
      ['no texts', { texts: [] }, 'texts'],
      ['4097 texts', { texts: Array(4097).fill('\\boxed{1}') }, 'texts'],
      ['a text over the size limit', { texts: ['\\boxed{1}', 'x'.repeat(1_000_001)] }, 'texts.1'],
      ['an unknown extraction mode', { texts: ['x'], mode: 7 as ExtractionMode }, 'mode'],
    ])('rejects %s with INVALID_ARGUMENT naming the field', async (_label, request, field) => {
      const failure = await failureOf(extract(plain, request));
      expect(failure.code).toBe(Status.INVALID_ARGUMENT);
      expect(failure.details).toContain(field);
    });
  });

  describe('CheckEquivalence', () => {
    it.each([
      ['7', '7', true, EquivalenceMethod.EQUIVALENCE_METHOD_EXACT],
      ['\\dfrac{1}{2}', '\\frac12', true, EquivalenceMethod.EQUIVALENCE_METHOD_NORMALIZED],
      ['\\frac{1}{2}', '0.5', true, EquivalenceMethod.EQUIVALENCE_METHOD_SYMBOLIC],
      ['2\\sqrt{2}', '\\sqrt{8}', true, EquivalenceMethod.EQUIVALENCE_METHOD_NUMERIC],
      ['3', '4', false, EquivalenceMethod.EQUIVALENCE_METHOD_SYMBOLIC],
      ['\\text{red}', '\\text{blue}', false, EquivalenceMethod.EQUIVALENCE_METHOD_UNDECIDED],
    ])('%s vs %s -> equivalent %s by method %s', async (a, b, equivalent, method) => {
      expect(await check(plain, { a, b })).toMatchObject({ equivalent, method });
    });

    it('answers a repeated pair, in either order, from the cache', async () => {
      expect((await check(plain, { a: '(1,2)', b: '\\left(1, 2\\right)' })).cached).toBe(false);
      expect(await check(plain, { a: '\\left(1, 2\\right)', b: '(1,2)' })).toEqual({
        equivalent: true,
        method: EquivalenceMethod.EQUIVALENCE_METHOD_NORMALIZED,
        cached: true,
      });
    });

    it('rejects an empty second answer naming the field', async () => {
      const failure = await failureOf(check(plain, { a: '1', b: '' }));
      expect(failure.code).toBe(Status.INVALID_ARGUMENT);
      expect(failure.details).toContain('b');
    });

    it('never asks the judge when the deployment disables it, even if the request allows it', async () => {
      expect(await check(plain, { a: 'red', b: 'crimson', allow_judge: true })).toMatchObject({
        equivalent: false,
        method: EquivalenceMethod.EQUIVALENCE_METHOD_UNDECIDED,
      });
      expect(gateway.requests).toHaveLength(0);
    });

    it('asks the judge through the gateway for an undecided pair, with the judge prompt and sampling from config', async () => {
      expect(await check(judged, { a: 'red', b: 'crimson', allow_judge: true })).toEqual({
        equivalent: true,
        method: EquivalenceMethod.EQUIVALENCE_METHOD_JUDGE,
        cached: false,
      });
      expect(gateway.requests).toHaveLength(1);
      // config.yaml: prompts.profile embedded, aero.temperatures.judge 0, aero.max_tokens.judge.
      expect(gateway.requests[0]).toMatchObject({
        messages: [{ role: 'user', content: renderPrompt(loadTemplates('embedded').judge, { a: 'red', b: 'crimson' }) }],
        n: 1,
        temperature: 0,
        max_tokens: JUDGE_MAX_TOKENS,
      });
      expect(await check(judged, { a: 'crimson', b: 'red', allow_judge: true })).toMatchObject({ method: EquivalenceMethod.EQUIVALENCE_METHOD_JUDGE, cached: true });
      expect(gateway.requests).toHaveLength(1);
    });

    it('does not ask the judge for a decided pair or when the request does not allow it', async () => {
      expect((await check(judged, { a: '5', b: '6', allow_judge: true })).method).toBe(EquivalenceMethod.EQUIVALENCE_METHOD_SYMBOLIC);
      expect((await check(judged, { a: 'scarlet', b: 'crimson' })).method).toBe(EquivalenceMethod.EQUIVALENCE_METHOD_UNDECIDED);
      expect(gateway.requests).toHaveLength(0);
    });

    it('stays undecided when the judge reply holds no verdict', async () => {
      expect(await check(judged, { a: 'mauve', b: 'lilac', allow_judge: true })).toMatchObject({
        equivalent: false,
        method: EquivalenceMethod.EQUIVALENCE_METHOD_UNDECIDED,
      });
      expect(gateway.requests).toHaveLength(1);
    });

    it('passes a gateway failure on as its status', async () => {
      const failure = await failureOf(check(judged, { a: 'outage one', b: 'outage two', allow_judge: true }));
      expect(failure.code).toBe(Status.UNAVAILABLE);
    });
  });

  describe('Analyze', () => {
    const boxed = (answers: (string | null)[]) => answers.map((a) => (a === null ? 'ran out of tokens' : `steps \\boxed{${a}}`));

    it('clusters equivalent answers and computes entropy and status (10/3/3 of 16: zpd)', async () => {
      const answers = [...Array(5).fill('\\frac{1}{2}'), ...Array(5).fill('0.5'), ...Array(3).fill('2'), ...Array(3).fill('3')];
      const response = await analyze(plain, { samples: boxed(answers) });
      const { analysis } = response;
      expect(analysis?.clusters.map((c) => [c.key, c.count, c.member_indexes])).toEqual([
        ['\\frac{1}{2}', 10, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
        ['2', 3, [10, 11, 12]],
        ['3', 3, [13, 14, 15]],
      ]);
      expect(analysis?.clusters[0].representative).toBe('steps \\boxed{\\frac{1}{2}}');
      expect(analysis).toMatchObject({ total_valid: 16, sample_count: 16, status: QuestionStatus.QUESTION_STATUS_ZPD });
      expect(analysis?.entropy).toBeCloseTo(1.32943, 5);
      expect(analysis?.normalized_entropy).toBeCloseTo(1.32943 / 4, 5);
      expect(response.samples[10]).toMatchObject({ index: 10, answer: '2', parsed: true });
      // Groups \frac{1}{2}, 0.5, 2, 3: 0.5 merges on its first check; 2 and 3 are each checked against what exists.
      expect(response.equivalence_checks).toBe(1 + 1 + 2);
      expect(response.judge_calls).toBe(0);
    });

    it('counts parse failures in N and leaves them out of every cluster', async () => {
      const { analysis, samples } = await analyze(plain, { samples: boxed(['1', '1', '1', '1', '2', '2', '2', '2', ...Array(8).fill(null)]) });
      expect(analysis).toMatchObject({ total_valid: 8, sample_count: 16, entropy: 1, normalized_entropy: 0.25, status: QuestionStatus.QUESTION_STATUS_MASTERY });
      expect(samples[15]).toMatchObject({ index: 15, parsed: false, answer: '' });
    });

    it('reads the samples by the extraction mode of the request', async () => {
      const samples = ['so \\boxed{1}\\boxed{2}', 'Final Answer: The answer is 7.'];
      expect((await analyze(plain, { samples })).samples.map((s) => s.answer)).toEqual(['2', '']);
      const lenient = await analyze(plain, { samples, extraction_mode: ExtractionMode.EXTRACTION_MODE_LENIENT });
      expect(lenient.samples.map((s) => s.answer)).toEqual(['1, 2', '7']);
      expect(lenient.analysis?.total_valid).toBe(2);
    });

    it('is chaos when no sample has an answer', async () => {
      const { analysis } = await analyze(plain, { samples: boxed([null, null]) });
      expect(analysis).toMatchObject({ total_valid: 0, clusters: [], status: QuestionStatus.QUESTION_STATUS_CHAOS });
    });

    it('uses the thresholds of the request when given', async () => {
      const samples = boxed(['1', '1', '1', '1', '2', '2', '2', '2', '3', '3', '3', '3', '4', '4', '4', '4']);
      expect((await analyze(plain, { samples })).analysis?.status).toBe(QuestionStatus.QUESTION_STATUS_ZPD);
      const strict = await analyze(plain, { samples, thresholds: { mastery_below: 0.1, chaos_above: 0.2 } });
      expect(strict.analysis?.status).toBe(QuestionStatus.QUESTION_STATUS_CHAOS);
    });

    it('merges through the judge when allowed, and reports the judge calls', async () => {
      const response = await analyze(judged, { samples: boxed(['scarlet', 'scarlet', 'crimson']), allow_judge: true });
      expect(response.analysis?.clusters.map((c) => [c.key, c.count])).toEqual([['scarlet', 3]]);
      expect(response.judge_calls).toBe(1);
      expect(gateway.requests).toHaveLength(1);
    });

    it.each([
      ['no samples', { samples: [] }, 'samples'],
      ['4097 samples', { samples: Array(4097).fill('\\boxed{1}') }, 'samples'],
      ['mastery bound above chaos bound', { samples: ['\\boxed{1}'], thresholds: { mastery_below: 0.8, chaos_above: 0.2 } }, 'thresholds.mastery_below'],
      ['a bound above 1', { samples: ['\\boxed{1}'], thresholds: { mastery_below: 0.3, chaos_above: 1.5 } }, 'thresholds.chaos_above'],
    ])('rejects %s with INVALID_ARGUMENT naming the field', async (_label, request, field) => {
      const failure = await failureOf(analyze(plain, request as Partial<AnalyzeRequest>));
      expect(failure.code).toBe(Status.INVALID_ARGUMENT);
      expect(failure.details).toContain(field);
    });
  });

  describe('under a maximal adversarial request', () => {
    /** Sends `big`, then after `delayMs` a small ExtractAnswer: how long the small one took, and whether it beat the big one. */
    const smallCallDuring = async (big: Promise<unknown>, delayMs: number) => {
      let bigSettled = false;
      const settled = big.then(
        () => (bigSettled = true),
        () => (bigSettled = true),
      );
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const c = client(plain);
      const started = performance.now();
      const small = await unaryCall(c.extractAnswer.bind(c), { text: 'so \\boxed{5}' });
      const ms = performance.now() - started;
      const beatBig = !bigSettled;
      await settled;
      return { small, ms, beatBig };
    };

    // Texts at the size limit that are costly to read leniently: an unclosed \\text between two boxes
    // (quadratic once), a box group of ninety thousand boxes, boxes nested ninety thousand deep.
    const adversarial = [
      `\\boxed{1}\\text{${' '.repeat(999_970)}\\boxed{2}`,
      '\\boxed{1}, '.repeat(90_909),
      `${'\\boxed{'.repeat(124_999)}7${'}'.repeat(124_999)}`,
    ];

    it('reads an ExtractAnswer of adversarial text at the size limit', async () => {
      const c = client(plain);
      const lenient = ExtractionMode.EXTRACTION_MODE_LENIENT;
      const answers = await Promise.all(adversarial.map((text) => unaryCall(c.extractAnswer.bind(c), { text, mode: lenient })));
      expect(answers.map((a) => a.answer.slice(0, 7))).toEqual(['2', '1, 1, 1', '7']);
    }, 30_000);

    it('answers a small call while an Analyze of megabytes of adversarial samples runs, and stops that Analyze at its deadline', async () => {
      // With thousands of distinct answers to cluster (millions of equivalence questions): more work than the deadline allows.
      const samples = [...adversarial, ...Array.from({ length: 4000 }, (_, i) => `\\boxed{${i}}`)];
      const c = client(plain);
      const big = unaryCall(
        c.analyze.bind(c),
        { samples, allow_judge: false, thresholds: undefined, extraction_mode: ExtractionMode.EXTRACTION_MODE_LENIENT },
        { deadline: new Date(Date.now() + 4000) },
      );
      const { small, ms, beatBig } = await smallCallDuring(big, 300);
      expect(small).toEqual({ found: true, answer: '5' });
      expect(beatBig).toBe(true);
      // The small call waits at most for one step of the big one: one sample read, or one equivalence question.
      expect(ms).toBeLessThan(1500);
      expect((await failureOf(big)).code).toBe(Status.DEADLINE_EXCEEDED);
    }, 30_000);

    it('keeps every step of its event loop short while Analyzes of megabytes of adversarial samples run', async () => {
      const probed = await startServiceProcess(ENTRY, ['--port', '0'], { nodeArgs: EVENT_LOOP_PROBE });
      try {
        const c = client(probed);
        const lenient = ExtractionMode.EXTRACTION_MODE_LENIENT;
        const whole = () => unaryCall(c.analyze.bind(c), { samples: adversarial, allow_judge: false, thresholds: undefined, extraction_mode: lenient });
        // The first call compiles the code it runs, once per process: the steady state is measured.
        await whole();
        await maxLoopDelay(probed);
        await new Promise((resolve) => setTimeout(resolve, 500));
        const idle = await maxLoopDelay(probed);
        // Three 1 MB samples read and answered (a 6 MB response), then thousands more samples cut at the deadline.
        expect((await whole()).samples.map((s) => s.answer.slice(0, 7))).toEqual(['2', '1, 1, 1', '7']);
        const samples = [...adversarial, ...Array.from({ length: 4000 }, (_, i) => `\\boxed{${i}}`)];
        const cut = unaryCall(c.analyze.bind(c), { samples, allow_judge: false, thresholds: undefined, extraction_mode: lenient }, { deadline: new Date(Date.now() + 3000) });
        expect((await failureOf(cut)).code).toBe(Status.DEADLINE_EXCEEDED);
        const busy = await maxLoopDelay(probed);
        // Measured: 10-15 ms idle, 20-60 ms busy on 2 cores shared with other work; the bound leaves room for a busier machine.
        expect(idle).toBeLessThan(50);
        expect(busy).toBeLessThan(100);
      } finally {
        await probed.stop();
      }
    }, 60_000);

    it('answers a small call while a CheckEquivalence of two sets of 64 radicals is decided', async () => {
      const radicals = (from: number) => `\\{${Array.from({ length: 64 }, (_, i) => `\\sqrt{${from + i}}`).join(',')}\\}`;
      const big = check(plain, { a: radicals(2), b: radicals(3) });
      const { small, ms, beatBig } = await smallCallDuring(big, 50);
      expect(small).toEqual({ found: true, answer: '5' });
      expect(beatBig).toBe(true);
      expect(ms).toBeLessThan(1500);
      expect(await big).toMatchObject({ equivalent: false, method: EquivalenceMethod.EQUIVALENCE_METHOD_NUMERIC });
    }, 30_000);
  });

  it('refuses to start with the judge enabled and no gateway address, naming the key', async () => {
    await expect(startServiceProcess(ENTRY, ['--port', '0'], { env: { AERO__JUDGE__ENABLED: 'true' } })).rejects.toThrow(
      /services\.inference_gateway\.address/,
    );
  }, 30_000);

  it('refuses to start with the judge enabled and a token budget that would cut its verdict, naming the key', async () => {
    const env = { AERO__JUDGE__ENABLED: 'true', AERO__SERVICES__INFERENCE_GATEWAY__ADDRESS: '127.0.0.1:1', AERO__AERO__MAX_TOKENS__JUDGE: '16' };
    await expect(startServiceProcess(ENTRY, ['--port', '0'], { env })).rejects.toThrow(/aero\.max_tokens\.judge/);
  }, 30_000);
});
