import { IccOutcome, Role, SolveRequest, type Question } from '@aero/contracts';
import type { RolePrompts } from '@aero/prompts';
import { unaryCall } from '@aero/service-kit';
import { analyzeAndVerify } from '../../../apps/verifier/src/testing/analyze-and-verify';
import type { InnerLoop } from '../../../apps/verifier/src/testing/start-inner-loop';
import type { QuestionOutcome } from './question-outcome';

export interface JudgeSettings {
  prompts: RolePrompts;
  temperature: number;
  maxTokens: number;
}

const strip = (s: string) => s.replace(/\s+/g, '');

/**
 * The original implementation's call pattern for one question (AERO-SPEC 2.4 and 7): n separate
 * solver requests; its clustering, which walks the answer groups largest first and merges each into
 * the first cluster whose key the judge calls equivalent (a whitespace-stripped string compare
 * first, then one judge call per cluster tried: k(k-1)/2 calls when nothing merges, fewer when the
 * judge merges); and a judge call for each ICC comparison a string compare cannot settle (a1 vs a2,
 * then c1 and c2 vs a*).
 * Which question is in the ZPD and the refinements themselves come from the same analyzer and
 * verifier as ours, so the two patterns differ only in how they call the engine.
 */
export async function runOriginalPattern(
  loop: InnerLoop,
  question: Question,
  n: number,
  seed: number,
  judge: JudgeSettings,
): Promise<QuestionOutcome> {
  const solved = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      unaryCall(loop.synth.solve.bind(loop.synth), SolveRequest.fromPartial({ question: question.text, n: 1, seed: seed + i })),
    ),
  );
  const samples = solved.map((s, index) => ({ ...s.samples[0], index }));
  let judgeRequests = 0;
  const judgeCall = async (a: string, b: string): Promise<boolean> => {
    const reply = await unaryCall(loop.gateway.generate.bind(loop.gateway), {
      prompt: '',
      messages: [{ role: 'user', content: judge.prompts.judge(a, b) }],
      n: 1,
      temperature: judge.temperature,
      top_p: undefined,
      max_tokens: judge.maxTokens,
      seed: undefined,
      stop: [],
      role: Role.ROLE_JUDGE,
    });
    judgeRequests++;
    return /"equivalent"\s*:\s*true/.test(reply.choices[0]?.text ?? '');
  };
  const sizes = new Map<string, number>();
  for (const s of samples) if (s.parsed) sizes.set(strip(s.answer), (sizes.get(strip(s.answer)) ?? 0) + 1);
  const keys: string[] = [];
  for (const [answer] of [...sizes].sort((x, y) => y[1] - x[1])) {
    let merged = false;
    for (const key of keys) {
      if (await judgeCall(answer, key)) {
        merged = true;
        break;
      }
    }
    if (!merged) keys.push(answer);
  }
  const pairs: [string, string][] = [];

  const { analyzed, verified } = await analyzeAndVerify(loop, {
    question,
    solverPrompt: solved[0].prompt,
    texts: samples.map((s) => s.text),
    seed,
  });
  const [r1, r2] = verified.refinements.map((r) => r.result!);
  if (r1?.parsed && r2?.parsed && strip(r1.answer) !== strip(r2.answer)) pairs.push([r1.answer, r2.answer]);
  if (verified.outcome === IccOutcome.ICC_OUTCOME_CONVERGED) {
    for (const r of verified.refinements) if (strip(r.cluster_key) !== strip(verified.consensus)) pairs.push([r.cluster_key, verified.consensus]);
  }

  await Promise.all(pairs.map(([a, b]) => judgeCall(a, b)));
  return {
    status: analyzed.analysis!.status,
    outcome: verified.outcome,
    solverRequests: n,
    judgeRequests,
    refineRequests: verified.refinements.length,
  };
}
