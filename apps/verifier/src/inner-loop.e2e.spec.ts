import {
  GenerateQuestionsRequest,
  IccOutcome,
  QuestionStatus,
  Role,
  SolveRequest,
  type AnalyzeResponse,
  type Question,
  type SolveResponse,
  type VerifyResponse,
} from '@aero/contracts';
import { streamCall, unaryCall } from '@aero/service-kit';
import { analyzeAndVerify } from './testing/analyze-and-verify';
import { engineModel, type EngineModel } from './testing/engine-model';
import { startInnerLoop, type InnerLoop } from './testing/start-inner-loop';

// Solver and refiner outputs stay short enough that a refiner prompt (question + candidate) plus
// its completion fits the base model's 256-token context; the generator keeps config.yaml's 160.
const MAX_TOKENS = 96;

/**
 * One question through synth → analyzer → verifier on the embedded engine, every part a real
 * process: gateway (starting the engine on the base checkpoint, or a tiny throwaway model when the
 * base is absent), analyzer, synth, verifier.
 */
describe('inner loop end to end on the embedded engine', () => {
  let model: EngineModel;
  let loop: InnerLoop;

  beforeAll(async () => {
    model = await engineModel();
    loop = await startInnerLoop({
      AERO__ENGINE__BACKEND: 'embedded',
      AERO__ENGINE__MODEL: model.dir,
      AERO__ENGINE__MAX_MODEL_LEN: String(model.contextLength),
      AERO__PROMPTS__PROFILE: 'embedded',
      AERO__AERO__SOLVER_LABELS: 'code',   // the r1 / s1 / s2 examples checked below; config.yaml's default is paper
      AERO__AERO__MAX_TOKENS__SOLVER: String(MAX_TOKENS),
      AERO__AERO__MAX_TOKENS__REFINER: String(MAX_TOKENS),
    });
  }, 240_000);
  afterAll(async () => {
    await loop?.stop();
  }, 60_000);

  const solve = (question: string, n: number, seed: number) =>
    unaryCall(loop.synth.solve.bind(loop.synth), SolveRequest.fromPartial({ question, n, seed }));

  /** What must hold whatever the model did: the ICC branch follows the analysis, prompts are exact. */
  function expectConsistent(response: VerifyResponse, question: Question, solved: SolveResponse, analyzed: AnalyzeResponse) {
    const analysis = analyzed.analysis!;
    const zpd = analysis.status === QuestionStatus.QUESTION_STATUS_ZPD;
    expect(response.examples[0]).toMatchObject({ role: Role.ROLE_GENERATOR, label: zpd, prompt: question.prompt, completion: question.raw_output });
    if (!zpd) expect(response.outcome).toBe(IccOutcome.ICC_OUTCOME_SKIPPED_NOT_ZPD);
    else if (analysis.clusters.length < 2) expect(response.outcome).toBe(IccOutcome.ICC_OUTCOME_SKIPPED_ONE_CLUSTER);
    else {
      // config.yaml's icc_consensus is c1_or_c2: refinements that agree on an answer neither c1 nor
      // c2 holds are UNCONFIRMED and label nothing but the generator, like a divergence.
      expect([IccOutcome.ICC_OUTCOME_CONVERGED, IccOutcome.ICC_OUTCOME_DIVERGED, IccOutcome.ICC_OUTCOME_UNCONFIRMED]).toContain(response.outcome);
      expect(response.refinements.map((r) => r.cluster_key)).toEqual(analysis.clusters.slice(0, 2).map((c) => c.key));
      response.refinements.forEach((r, i) => {
        expect(r.prompt).toBe(`Solve ${question.text}\nSuspect:\n${analysis.clusters[i].representative}\nRedo:\n`);
      });
    }
    if (response.outcome === IccOutcome.ICC_OUTCOME_CONVERGED) {
      expect(response.consensus).toBe(response.refinements[0].result!.answer);
      expect(response.examples.filter((e) => e.role === Role.ROLE_SOLVER).every((e) => e.prompt === solved.prompt)).toBe(true);
    } else {
      expect(response.examples).toHaveLength(1);
    }
  }

  it('generates a question, samples it in one call, analyses it and verifies it', async () => {
    const stream = streamCall(
      loop.synth.generateQuestions.bind(loop.synth),
      GenerateQuestionsRequest.fromPartial({ round: 1, start_index: 0, count: 3, seed: 5, concurrency: 3 }),
    );
    const questions: Question[] = [];
    for await (const message of stream) questions.push(message.question!);
    expect(questions.length).toBeGreaterThan(0);
    const question = questions[0];
    expect(question).toMatchObject({ round: 1, prompt: 'Write a problem as JSON.\n' });
    expect(question.id).toMatch(/^r1-q000[0-2]$/);
    // The base model learnt the generator's JSON; a random throwaway model writes anything.
    if (model.trained) expect(questions.some((q) => q.parsed)).toBe(true);

    const solved = await solve(question.text, 8, 7);
    expect(solved.prompt).toBe(`Solve ${question.text}\n`);
    expect(solved.samples.map((s) => s.index)).toEqual([...Array(8).keys()]);
    expect(solved.usage!.completion_tokens).toBeGreaterThan(0);

    const texts = solved.samples.map((s) => s.text);
    const { analyzed, verified } = await analyzeAndVerify(loop, { question, solverPrompt: solved.prompt, texts, seed: 9 });
    expect(analyzed.analysis!.sample_count).toBe(8);
    expect(analyzed.samples.map((s) => s.answer)).toEqual(solved.samples.map((s) => s.answer));
    expectConsistent(verified, question, solved, analyzed);
  }, 120_000);

  it('runs ICC with real refinements on a question in the ZPD', async () => {
    // Samples as a half-right solver writes them: 10 wrong (85), 3 right (84), 3 wrong (74).
    const question: Question = {
      id: 'r1-q0100', text: '(12+30)*2', meta: undefined, parsed: true, round: 1, index: 100,
      prompt: 'Write a problem as JSON.\n', raw_output: '{"question":"(12+30)*2"}',
    };
    const texts = [
      ...Array(10).fill('12+30=42\n42*2=85\n\\boxed{85}'),
      ...Array(3).fill('12+30=42\n42*2=84\n\\boxed{84}'),
      ...Array(3).fill('12+30=37\n37*2=74\n\\boxed{74}'),
    ];
    const solved: SolveResponse = { prompt: `Solve ${question.text}\n`, samples: [], usage: undefined };
    const { analyzed, verified: response } = await analyzeAndVerify(loop, { question, solverPrompt: solved.prompt, texts, seed: 3 });
    expect(analyzed.analysis!.status).toBe(QuestionStatus.QUESTION_STATUS_ZPD);
    expect(response.refinements).toHaveLength(2);
    expectConsistent(response, question, solved, analyzed);
    if (response.outcome === IccOutcome.ICC_OUTCOME_CONVERGED) {
      const wrong = [!response.c1_ok, !response.c2_ok].filter(Boolean).length;
      expect(response.examples.filter((e) => e.role === Role.ROLE_SOLVER && !e.label)).toHaveLength(wrong);
      expect(response.examples.filter((e) => e.role === Role.ROLE_REFINER)).toHaveLength(wrong);
    }
  }, 120_000);
});
