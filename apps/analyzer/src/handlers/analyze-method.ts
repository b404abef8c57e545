import { z } from 'zod';
import { AnalyzeResponse, QuestionStatus } from '@aero/contracts';
import { EncodedMessage, unary } from '@aero/service-kit';
import { analyzeSamples } from '../domain/analyze-samples';
import type { QuestionStatus as DomainStatus } from '../domain/classify-status';
import type { AnalyzerDeps } from './analyzer-service';
import { extractionModeField, toExtractionMode } from './extraction-mode';
import { LIMITS } from './limits';
import { timeSlices } from './time-slices';

const unit = z.number().min(0).max(1);
const schema = z.object({
  samples: z.array(z.string().max(LIMITS.sampleChars)).min(1, 'needs at least one sample').max(LIMITS.samples),
  thresholds: z
    .object({ mastery_below: unit, chaos_above: unit })
    .refine((t) => t.mastery_below <= t.chaos_above, { message: 'must not exceed chaos_above', path: ['mastery_below'] })
    .optional(),
  allow_judge: z.boolean(),
  extraction_mode: extractionModeField,
});

const STATUS: Record<DomainStatus, QuestionStatus> = {
  mastery: QuestionStatus.QUESTION_STATUS_MASTERY,
  zpd: QuestionStatus.QUESTION_STATUS_ZPD,
  chaos: QuestionStatus.QUESTION_STATUS_CHAOS,
};

/** Analyze; thresholds left unset (or both 0) fall back to the configured aero.zpd, an unset extraction mode to the deployment's. */
export function analyzeMethod(deps: AnalyzerDeps) {
  return unary(schema, async (request, ctx) => {
    const t = request.thresholds;
    const thresholds = !t || (t.mastery_below === 0 && t.chaos_above === 0) ? deps.defaults : { masteryBelow: t.mastery_below, chaosAbove: t.chaos_above };
    let checks = 0;
    let judgeCalls = 0;
    const mode = toExtractionMode(request.extraction_mode, deps.extraction);
    const equivalent = async (key: string, answer: string) => {
      checks++;
      const v = await deps.checker.check(key, answer, {
        allowJudge: request.allow_judge && deps.judgeEnabled,
        signal: ctx.signal,
        deadline: ctx.deadline,
      });
      if (v.judgeCall) judgeCalls++;
      return v.equivalent;
    };
    const { analysis, samples } = await analyzeSamples(request.samples, thresholds, mode, equivalent, timeSlices(ctx.signal), deps.extract);
    const response = AnalyzeResponse.fromPartial({
      analysis: {
        clusters: analysis.clusters.map((c) => ({ key: c.key, count: c.count, representative: c.representative, member_indexes: c.memberIndexes })),
        total_valid: analysis.totalValid,
        sample_count: analysis.sampleCount,
        entropy: analysis.entropy,
        normalized_entropy: analysis.normalizedEntropy,
        status: STATUS[analysis.status],
      },
      samples: samples.map((s) => ({ index: s.index, text: s.text, answer: s.answer, parsed: s.parsed })),
      equivalence_checks: checks,
      judge_calls: judgeCalls,
    });
    // Serialized here rather than by grpc-js, which would take one step as long as megabytes of samples.
    return new EncodedMessage(await deps.encodeAnalyzeResponse(response));
  });
}
