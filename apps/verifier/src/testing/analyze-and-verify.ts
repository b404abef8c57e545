import { VerifyRequest, type AnalyzeResponse, type Question, type VerifyResponse } from '@aero/contracts';
import { unaryCall } from '@aero/service-kit';
import type { InnerLoop } from './start-inner-loop';

/** The second half of the inner loop for one question: analyzer.Analyze, then verifier.Verify. */
export async function analyzeAndVerify(
  loop: InnerLoop,
  input: { question: Question; solverPrompt: string; texts: string[]; seed: number },
): Promise<{ analyzed: AnalyzeResponse; verified: VerifyResponse }> {
  const analyzed = await unaryCall(loop.analyzer.analyze.bind(loop.analyzer), {
    samples: input.texts,
    thresholds: undefined,
    allow_judge: false,
  });
  const verified = await unaryCall(
    loop.verifier.verify.bind(loop.verifier),
    VerifyRequest.fromPartial({
      run_id: 'inner-loop',
      round: input.question.round || 1,
      question: input.question,
      solver_prompt: input.solverPrompt,
      samples: analyzed.samples,
      analysis: analyzed.analysis,
      seed: input.seed,
    }),
  );
  return { analyzed, verified };
}
