import { z } from 'zod';
import { ExtractAnswersResponse } from '@aero/contracts';
import { unary } from '@aero/service-kit';
import type { AnalyzerDeps } from './analyzer-service';
import { extractionModeField, toExtractionMode } from './extraction-mode';
import { LIMITS } from './limits';

const schema = z.object({ texts: z.array(z.string().max(LIMITS.sampleChars)).min(1).max(LIMITS.samples), mode: extractionModeField });

/** ExtractAnswers: ExtractAnswer over several texts, answers in the request's order. */
export function extractAnswersMethod(deps: Pick<AnalyzerDeps, 'extraction' | 'extract'>) {
  return unary(schema, async (request) => {
    const mode = toExtractionMode(request.mode, deps.extraction);
    return ExtractAnswersResponse.fromPartial({ answers: await Promise.all(request.texts.map((text) => deps.extract(text, mode))) });
  });
}
