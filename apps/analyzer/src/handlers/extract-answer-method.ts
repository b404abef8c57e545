import { z } from 'zod';
import { ExtractAnswerResponse } from '@aero/contracts';
import { unary } from '@aero/service-kit';
import type { AnalyzerDeps } from './analyzer-service';
import { extractionModeField, toExtractionMode } from './extraction-mode';
import { LIMITS } from './limits';

const schema = z.object({ text: z.string().max(LIMITS.sampleChars), mode: extractionModeField });

/** ExtractAnswer; a request without a mode gets the deployment's (config prompts.profile). */
export function extractAnswerMethod(deps: Pick<AnalyzerDeps, 'extraction' | 'extract'>) {
  return unary(schema, async (request) => ExtractAnswerResponse.fromPartial(await deps.extract(request.text, toExtractionMode(request.mode, deps.extraction))));
}
