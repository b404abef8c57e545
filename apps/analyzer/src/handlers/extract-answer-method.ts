import { z } from 'zod';
import { ExtractAnswerResponse } from '@aero/contracts';
import { unary } from '@aero/service-kit';
import { extractAnswer } from '../domain/extract-answer';
import { LIMITS } from './limits';

const schema = z.object({ text: z.string().max(LIMITS.sampleChars) });

export const extractAnswerMethod = unary(schema, async (request) => ExtractAnswerResponse.fromPartial(extractAnswer(request.text)));
