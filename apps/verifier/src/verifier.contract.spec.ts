import { status as Status } from '@grpc/grpc-js';
import {
  AnalyzerServiceClient,
  IccConsensus,
  IccOutcome,
  Labeller,
  QuestionStatus,
  Role,
  SolverLabels,
  VerifierServiceClient,
  VerifyRequest,
  type AnalyzeResponse,
} from '@aero/contracts';
import { RpcError, connect, unaryCall } from '@aero/service-kit';
import { describeServiceContract, failureOf, startServiceProcess, type ServiceProcess } from '@aero/testing';
import { startScriptedSynth, type RefineScript, type ScriptedSynth } from './testing/scripted-synth';

const ENTRY = 'apps/verifier/src/main.ts';
const NOWHERE = '127.0.0.1:1';
const SOLVER_PROMPT = 'Solve 12+7\n';

describeServiceContract({
  entry: ENTRY,
  service: 'aero.v1.VerifierService',
  client: VerifierServiceClient,
  malformed: { call: (c) => unaryCall(c.verify.bind(c), VerifyRequest.fromPartial({ run_id: '', round: 1 })), field: 'run_id' },
  env: { AERO__SERVICES__SYNTH__ADDRESS: NOWHERE, AERO__SERVICES__ANALYZER__ADDRESS: NOWHERE },
});

/** 16 solver samples of "12+7": 10 answer 18, 3 answer 19, 2 answer 20, one has no box. */
const TEXTS = [
  ...Array.from({ length: 10 }, (_, i) => `12+7=18 (${i})\n\\boxed{18}`),
  ...Array.from({ length: 3 }, (_, i) => `12+7=19 (${i})\n\\boxed{19}`),
  ...Array.from({ length: 2 }, (_, i) => `12+7=20 (${i})\n\\boxed{20}`),
  '12+7=',
];
const ALWAYS_19: RefineScript = () => ({ text: '12+7=19\n\\boxed{19}', answer: '19' });

describe('VerifierService through a scripted synth and the real analyzer', () => {
  let synth: ScriptedSynth;
  let analyzer: ServiceProcess;
  let verifier: ServiceProcess;
  let paperVerifier: ServiceProcess;
  let client: VerifierServiceClient;
  let analyzed: AnalyzeResponse;
  const clients: { close(): void }[] = [];

  const request = (overrides: Partial<VerifyRequest> = {}) =>
    VerifyRequest.fromPartial({
      run_id: 'run-1',
      round: 1,
      question: { id: 'r1-q0003', text: '12+7', prompt: 'Write a problem as JSON.\n', raw_output: '{"question":"12+7"}', parsed: true, round: 1, index: 3 },
      solver_prompt: SOLVER_PROMPT,
      samples: analyzed.samples,
      analysis: analyzed.analysis,
      seed: 11,
      ...overrides,
    });
  const verify = (req: VerifyRequest, c = client) => unaryCall(c.verify.bind(c), req);

  beforeAll(async () => {
    [synth, analyzer] = await Promise.all([startScriptedSynth(ALWAYS_19), startServiceProcess('apps/analyzer/src/main.ts', ['--port', '0'])]);
    const env = { AERO__SERVICES__SYNTH__ADDRESS: synth.address, AERO__SERVICES__ANALYZER__ADDRESS: analyzer.address };
    [verifier, paperVerifier] = await Promise.all([
      // The original code's labels, which most cases below spell out; config.yaml's default is paper.
      startServiceProcess(ENTRY, ['--port', '0'], { env: { ...env, AERO__AERO__SOLVER_LABELS: 'code' } }),
      startServiceProcess(ENTRY, ['--port', '0'], { env: { ...env, AERO__AERO__SOLVER_LABELS: 'paper' } }),
    ]);
    client = connect(VerifierServiceClient, verifier.address);
    const analyzerClient = connect(AnalyzerServiceClient, analyzer.address);
    clients.push(client, analyzerClient);
    analyzed = await unaryCall(analyzerClient.analyze.bind(analyzerClient), { samples: TEXTS, thresholds: undefined, allow_judge: false });
  }, 60_000);
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await Promise.all([verifier?.stop(), paperVerifier?.stop(), analyzer?.stop(), synth?.stop()]);
  }, 30_000);
  beforeEach(() => {
    synth.calls.length = 0;
    synth.script(ALWAYS_19);
  });

  it('works on a question the real analyzer puts in the ZPD', () => {
    expect(analyzed.analysis?.status).toBe(QuestionStatus.QUESTION_STATUS_ZPD);
    expect(analyzed.analysis?.clusters.map((c) => [c.key, c.count])).toEqual([['18', 10], ['19', 3], ['20', 2]]);
  });

  it('refines c1 and c2 independently and converges on the consensus (c2 right)', async () => {
    const response = await verify(request({ refiner_temperature: 0.2 }));
    expect(synth.calls.map((c) => [c.question, c.candidate, c.seed, c.temperature]).sort()).toEqual([
      ['12+7', TEXTS[0], 11, 0.2],
      ['12+7', TEXTS[10], 12, 0.2],
    ]);
    expect([response.outcome, response.consensus, response.c1_ok, response.c2_ok]).toEqual([IccOutcome.ICC_OUTCOME_CONVERGED, '19', false, true]);
    expect(response.refinements.map((r) => r.cluster_key)).toEqual(['18', '19']);
    expect(response.examples.map((e) => [Role[e.role], e.label, e.provenance?.source])).toEqual([
      ['ROLE_GENERATOR', true, 'generator'],
      ['ROLE_SOLVER', true, 'icc.r1'],
      ['ROLE_SOLVER', false, 'icc.s1'],
      ['ROLE_REFINER', true, 'icc.r1'],
    ]);
    const solver = response.examples.filter((e) => e.role === Role.ROLE_SOLVER);
    expect(solver.every((e) => e.prompt === SOLVER_PROMPT)).toBe(true);
    expect(response.examples[2]).toMatchObject({
      completion: TEXTS[0],
      provenance: { run_id: 'run-1', round: 1, question_id: 'r1-q0003', cluster_keys: ['18', '19'], sample_index: 0 },
    });
    expect(response.examples[3].prompt).toBe(`Solve 12+7\nSuspect:\n${TEXTS[0]}\nRedo:\n`);
  });

  it('lets the analyzer decide equivalence: "19.0" and "19" converge', async () => {
    synth.script((r) => (r.candidate === TEXTS[0] ? { text: '\\boxed{19.0}', answer: '19.0' } : { text: '\\boxed{19}', answer: '19' }));
    const response = await verify(request());
    expect([response.outcome, response.consensus, response.c2_ok]).toEqual([IccOutcome.ICC_OUTCOME_CONVERGED, '19.0', true]);
  });

  it('diverges when the refinements disagree, with the generator example only', async () => {
    synth.script((r) => (r.candidate === TEXTS[0] ? { text: '\\boxed{18}', answer: '18' } : { text: '\\boxed{19}', answer: '19' }));
    const response = await verify(request());
    expect(response.outcome).toBe(IccOutcome.ICC_OUTCOME_DIVERGED);
    expect(response.examples.map((e) => e.role)).toEqual([Role.ROLE_GENERATOR]);
    expect(response.refinements).toHaveLength(2);
  });

  it('diverges when a refinement has no answer', async () => {
    synth.script((r) => (r.candidate === TEXTS[0] ? { text: '12+7=' } : { text: '\\boxed{19}', answer: '19' }));
    expect((await verify(request())).outcome).toBe(IccOutcome.ICC_OUTCOME_DIVERGED);
  });

  it('skips a question outside the ZPD without calling synth', async () => {
    const analysis = { ...analyzed.analysis!, status: QuestionStatus.QUESTION_STATUS_CHAOS };
    const response = await verify(request({ analysis }));
    expect(response.outcome).toBe(IccOutcome.ICC_OUTCOME_SKIPPED_NOT_ZPD);
    expect(response.examples).toEqual([expect.objectContaining({ role: Role.ROLE_GENERATOR, label: false })]);
    expect(synth.calls).toHaveLength(0);
  });

  it('labels every sample the paper way when the request asks for it', async () => {
    const response = await verify(request({ solver_labels: SolverLabels.SOLVER_LABELS_PAPER }));
    const solver = response.examples.filter((e) => e.role === Role.ROLE_SOLVER);
    expect(solver.map((e) => e.label)).toEqual([...Array(10).fill(false), true, true, true, false, false, false]);
  });

  it('labels by majority vote when the request asks for it: nothing refined, the largest cluster rewarded', async () => {
    const response = await verify(request({ labeller: Labeller.LABELLER_MAJORITY }));
    expect(synth.calls).toHaveLength(0);
    expect([response.outcome, response.consensus, response.c1_ok, response.c2_ok]).toEqual([IccOutcome.ICC_OUTCOME_MAJORITY, '18', true, false]);
    expect(response.examples.map((e) => [Role[e.role], e.label, e.provenance?.source])).toEqual([
      ['ROLE_GENERATOR', true, 'generator'],
      ['ROLE_SOLVER', true, 'majority.s1'],
      ['ROLE_SOLVER', false, 'majority.s2'],
    ]);
  });

  it('labels by the known answer when the request asks for the oracle: nothing refined', async () => {
    const response = await verify(request({ labeller: Labeller.LABELLER_ORACLE }));
    expect(synth.calls).toHaveLength(0);
    expect([response.outcome, response.consensus, response.c1_ok, response.c2_ok]).toEqual([IccOutcome.ICC_OUTCOME_ORACLE, '19', false, true]);
    expect(response.examples.map((e) => [Role[e.role], e.label, e.provenance?.source])).toEqual([
      ['ROLE_GENERATOR', true, 'generator'],
      ['ROLE_SOLVER', false, 'oracle.s1'],
      ['ROLE_SOLVER', true, 'oracle.s2'],
    ]);
  });

  it('refines as ICC and labels by the known answer when the request asks for icc_oracle', async () => {
    // Both refinements agree on 18, the largest cluster's answer; 12+7 is 19.
    synth.script(() => ({ text: '12+7=18\n\\boxed{18}', answer: '18' }));
    const response = await verify(request({ labeller: Labeller.LABELLER_ICC_ORACLE, solver_labels: SolverLabels.SOLVER_LABELS_PAPER }));
    expect(synth.calls).toHaveLength(2);
    expect([response.outcome, response.consensus, response.c1_ok, response.c2_ok]).toEqual([IccOutcome.ICC_OUTCOME_CONVERGED, '18', true, false]);
    const labels = response.examples.filter((e) => e.provenance?.source === 'paper.sample').map((e) => e.label);
    expect(labels).toEqual([...Array(10).fill(false), true, true, true, false, false, false]);
  });

  it('refuses icc_oracle with the code solver labels, naming the labeller', async () => {
    const failure = await failureOf(verify(request({ labeller: Labeller.LABELLER_ICC_ORACLE, solver_labels: SolverLabels.SOLVER_LABELS_CODE })));
    expect([failure.code, failure.details]).toEqual([Status.INVALID_ARGUMENT, expect.stringContaining('labeller')]);
    expect(synth.calls).toHaveLength(0);
  });

  it('leaves a question whose answer is not known unlabelled under the oracle', async () => {
    const response = await verify(request({ labeller: Labeller.LABELLER_ORACLE, question: { ...request().question!, text: 'How many apples?' } }));
    expect([response.outcome, response.consensus]).toEqual([IccOutcome.ICC_OUTCOME_NO_KNOWN_ANSWER, '']);
    expect(response.examples.map((e) => e.provenance?.source)).toEqual(['generator']);
    expect(synth.calls).toHaveLength(0);
  });

  it('leaves an agreement on an answer no top cluster holds unconfirmed when the request asks for c1_or_c2', async () => {
    synth.script(() => ({ text: '12+7=21\n\\boxed{21}', answer: '21' }));
    const [strict, paper] = await Promise.all([
      verify(request({ icc_consensus: IccConsensus.ICC_CONSENSUS_C1_OR_C2 })),
      verify(request({ icc_consensus: IccConsensus.ICC_CONSENSUS_ANY })),
    ]);
    expect([strict.outcome, strict.consensus, strict.refinements.length, strict.examples.length]).toEqual([IccOutcome.ICC_OUTCOME_UNCONFIRMED, '', 2, 1]);
    expect([paper.outcome, paper.consensus]).toEqual([IccOutcome.ICC_OUTCOME_CONVERGED, '21']);
  });

  it('leaves a consensus fewer samples give than icc_min_support asks unconfirmed', async () => {
    // a* = 19 is given by 3 of the 16 samples: a share of 0.1875.
    const [floorMet, floorMissed] = await Promise.all([
      verify(request({ icc_min_support: 3 / 16 })),
      verify(request({ icc_min_support: 0.25 })),
    ]);
    expect([floorMet.outcome, floorMet.consensus]).toEqual([IccOutcome.ICC_OUTCOME_CONVERGED, '19']);
    expect([floorMissed.outcome, floorMissed.consensus, floorMissed.refinements.length]).toEqual([IccOutcome.ICC_OUTCOME_UNCONFIRMED, '', 2]);
    expect(floorMissed.examples.map((e) => e.provenance?.source)).toEqual(['generator']);
  });

  it('takes the paper labels from aero.solver_labels when the request leaves them unspecified', async () => {
    const c = connect(VerifierServiceClient, paperVerifier.address);
    clients.push(c);
    const [byConfig, byRequest] = await Promise.all([
      verify(request(), c),
      verify(request({ solver_labels: SolverLabels.SOLVER_LABELS_CODE }), c),
    ]);
    expect(byConfig.examples.filter((e) => e.provenance?.source === 'paper.sample')).toHaveLength(16);
    expect(byRequest.examples.filter((e) => e.provenance?.source === 'paper.sample')).toHaveLength(0);
  });

  it.each([
    ['a sample count that disagrees with the analysis', () => request({ samples: analyzed.samples.slice(1) }), 'samples'],
    ['samples out of order', () => request({ samples: [...analyzed.samples].reverse() }), 'samples.0.index'],
    ['no question', () => request({ question: undefined }), 'question'],
    ['no solver prompt', () => request({ solver_prompt: '' }), 'solver_prompt'],
    ['an unset status', () => request({ analysis: { ...analyzed.analysis!, status: QuestionStatus.QUESTION_STATUS_UNSPECIFIED } }), 'analysis.status'],
    [
      'a cluster member that does not exist',
      () => request({ analysis: { ...analyzed.analysis!, clusters: [{ ...analyzed.analysis!.clusters[0], member_indexes: [99] }] } }),
      'analysis.clusters.0.member_indexes',
    ],
    ['an unsafe question id', () => request({ question: { ...request().question!, id: '../x' } }), 'question.id'],
    ['an unknown labeller', () => request({ labeller: 5 as Labeller }), 'labeller'],
    ['an unknown consensus rule', () => request({ icc_consensus: 3 as IccConsensus }), 'icc_consensus'],
    ['a seed whose second refinement would be seeded beyond uint32', () => request({ seed: 2 ** 32 - 1 }), 'seed'],
    ['a refiner temperature above 2', () => request({ refiner_temperature: 2.5 }), 'refiner_temperature'],
    ['a support floor above 1', () => request({ icc_min_support: 1.5 }), 'icc_min_support'],
    ['a sample text longer than the analyzer takes', () => request({ samples: [{ ...analyzed.samples[0], text: 'x'.repeat(1_000_001) }, ...analyzed.samples.slice(1)] }), 'samples.0.text'],
    ['a solver prompt of 2 MiB', () => request({ solver_prompt: 'x'.repeat(2 ** 21) }), 'solver_prompt'],
  ])('rejects %s with INVALID_ARGUMENT naming the field', async (_case, build, field) => {
    const failure = await failureOf(verify(build()));
    expect(failure.code).toBe(Status.INVALID_ARGUMENT);
    expect(failure.details).toContain(field);
    expect(synth.calls).toHaveLength(0);
  });

  it('answers UNAVAILABLE naming synth when synth has no engine', async () => {
    synth.script(() => {
      throw RpcError.unavailable('inference gateway unreachable');
    });
    const failure = await failureOf(verify(request()));
    expect(failure.code).toBe(Status.UNAVAILABLE);
    expect(failure.details).toMatch(/^synth at 127\.0\.0\.1:\d+ failed \(UNAVAILABLE\): inference gateway unreachable/);
  });

  it('passes DEADLINE_EXCEEDED on when the caller deadline runs out', async () => {
    synth.script(() => {
      throw new RpcError(Status.DEADLINE_EXCEEDED, 'deadline exceeded');
    });
    expect((await failureOf(verify(request()))).code).toBe(Status.DEADLINE_EXCEEDED);
  });
});

describe('VerifierService with its dependencies unreachable', () => {
  let synth: ScriptedSynth;
  let deadBoth: ServiceProcess;
  let deadAnalyzer: ServiceProcess;
  const clients: VerifierServiceClient[] = [];
  // A hand-built ZPD analysis: no analyzer is needed to reach the refinement step.
  const zpdRequest = VerifyRequest.fromPartial({
    run_id: 'run-1',
    round: 1,
    question: { id: 'r1-q0000', text: '12+7', prompt: 'p', raw_output: 'r' },
    solver_prompt: SOLVER_PROMPT,
    samples: TEXTS.slice(0, 2).concat(TEXTS.slice(10, 12)).map((text, index) => ({ index, text, parsed: true })),
    analysis: {
      status: QuestionStatus.QUESTION_STATUS_ZPD,
      sample_count: 4,
      clusters: [
        { key: '18', count: 2, representative: TEXTS[0], member_indexes: [0, 1] },
        { key: '19', count: 2, representative: TEXTS[10], member_indexes: [2, 3] },
      ],
    },
  });

  beforeAll(async () => {
    synth = await startScriptedSynth(ALWAYS_19);
    [deadBoth, deadAnalyzer] = await Promise.all([
      startServiceProcess(ENTRY, ['--port', '0'], { env: { AERO__SERVICES__SYNTH__ADDRESS: NOWHERE, AERO__SERVICES__ANALYZER__ADDRESS: NOWHERE } }),
      startServiceProcess(ENTRY, ['--port', '0'], { env: { AERO__SERVICES__SYNTH__ADDRESS: synth.address, AERO__SERVICES__ANALYZER__ADDRESS: NOWHERE } }),
    ]);
  }, 60_000);
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await Promise.all([deadBoth?.stop(), deadAnalyzer?.stop(), synth?.stop()]);
  }, 30_000);
  const verifyAt = (address: string) => {
    const c = connect(VerifierServiceClient, address);
    clients.push(c);
    return unaryCall(c.verify.bind(c), zpdRequest);
  };

  it('answers UNAVAILABLE naming the unreachable synth', async () => {
    const failure = await failureOf(verifyAt(deadBoth.address));
    expect(failure.code).toBe(Status.UNAVAILABLE);
    expect(failure.details).toContain(`synth at ${NOWHERE} failed (UNAVAILABLE)`);
  });

  it('answers UNAVAILABLE naming the unreachable analyzer', async () => {
    const failure = await failureOf(verifyAt(deadAnalyzer.address));
    expect(failure.code).toBe(Status.UNAVAILABLE);
    expect(failure.details).toContain(`analyzer at ${NOWHERE} failed (UNAVAILABLE)`);
  });

  it('refuses to start without a synth address, naming the key', async () => {
    await expect(startServiceProcess(ENTRY, ['--port', '0'], { env: { AERO__SERVICES__ANALYZER__ADDRESS: NOWHERE } })).rejects.toThrow(
      /services\.synth\.address is not configured/,
    );
  }, 30_000);
});
