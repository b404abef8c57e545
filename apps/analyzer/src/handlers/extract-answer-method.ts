import { z } from 'zod';
import { ExtractAnswerResponse } from '@aero/contracts';
import { extractAnswer, type ExtractionMode } from '@aero/answer';
import { unary } from '@aero/service-kit';
import { extractionModeField, toExtractionMode } from './extraction-mode';
import { LIMITS } from './limits';

const schema = z.object({ text: z.string().max(LIMITS.sampleChars), mode: extractionModeField });

/** ExtractAnswer; a request without a mode gets the deployment's (config prompts.profile). */
export function extractAnswerMethod(deps: { extraction: ExtractionMode }) {
  return unary(schema, async (request) => ExtractAnswerResponse.fromPartial(extractAnswer(request.text, toExtractionMode(request.mode, deps.extraction))));
}
