import { SolveRequest, type Question } from '@aero/contracts';
import { unaryCall } from '@aero/service-kit';
import { analyzeAndVerify } from '../../../apps/verifier/src/testing/analyze-and-verify';
import type { InnerLoop } from '../../../apps/verifier/src/testing/start-inner-loop';
import type { QuestionOutcome } from './question-outcome';

/**
 * Our inner loop for one question: synth.Solve draws n samples in one engine request, the
 * analyzer clusters them (cheap equivalence, judge off as configured), the verifier runs ICC.
 */
export async function runOurPattern(loop: InnerLoop, question: Question, n: number, seed: number): Promise<QuestionOutcome> {
  const solved = await unaryCall(loop.synth.solve.bind(loop.synth), SolveRequest.fromPartial({ question: question.text, n, seed }));
  const { analyzed, verified } = await analyzeAndVerify(loop, {
    question,
    solverPrompt: solved.prompt,
    texts: solved.samples.map((s) => s.text),
    seed,
  });
  return {
    status: analyzed.analysis!.status,
    outcome: verified.outcome,
    solverRequests: 1,
    judgeRequests: 0,
    refineRequests: verified.refinements.length,
  };
}
