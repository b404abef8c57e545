import { z } from 'zod';
import { Role } from '@aero/contracts';
import type { GenerateInput } from '../domain/generate-input';

const MAX_STOPS = 8;
const MAX_STOP_CHARS = 256;
const ROLES = [Role.ROLE_UNSPECIFIED, Role.ROLE_GENERATOR, Role.ROLE_SOLVER, Role.ROLE_REFINER, Role.ROLE_JUDGE];

/**
 * Validation of GenerateRequest; every issue names its field. `maxModelLen` is read per request
 * because ServeModel can change the context length the engines accept.
 */
export function generateSchema(maxModelLen: () => number): z.ZodType<GenerateInput> {
  return z
    .object({
      prompt: z.string(),
      messages: z
        .array(
          z.object({
            role: z.enum(['system', 'user', 'assistant'], { message: 'must be "system", "user" or "assistant"' }),
            content: z.string().min(1, 'must not be empty'),
          }),
        )
        .max(1024),
      // 0 is rejected, not read as 1: a caller that forgot n would silently get one sample.
      n: z.number().int().min(1, 'must be at least 1').max(1024, 'must be at most 1024'),
      temperature: z.number().min(0, 'must be in [0, 2]').max(2, 'must be in [0, 2]').optional(),
      top_p: z.number().gt(0, 'must be in (0, 1]').max(1, 'must be in (0, 1]').optional(),
      // 2^20 whatever the engines report: beyond the context of any model served.
      max_tokens: z.number().int().min(1, 'must be in 1..1048576').max(1_048_576, 'must be in 1..1048576').optional(),
      // uint32, what the embedded engine keeps of a seed (vLLM would take int64).
      seed: z.number().int().min(0, 'must be in 0..4294967295').max(4_294_967_295, 'must be in 0..4294967295').optional(),
      // The bounds proto/aero/v1 GenerateRequest.stop documents, which the engine enforces too: each
      // generated token is matched against every stop string, and vLLM sets no bound of its own.
      stop: z
        .array(z.string().min(1, 'must not be empty').max(MAX_STOP_CHARS, `must be at most ${MAX_STOP_CHARS} characters`))
        .max(MAX_STOPS, `must hold at most ${MAX_STOPS} strings`),
      role: z.number().refine((r) => ROLES.includes(r), 'is not a known Role'),
    })
    .superRefine((r, ctx) => {
      if (r.prompt === '' && r.messages.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['prompt'], message: 'set prompt or messages (both are empty)' });
      }
      if (r.prompt !== '' && r.messages.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['messages'], message: 'set either prompt or messages, not both' });
      }
      const limit = maxModelLen();
      if (r.max_tokens !== undefined && r.max_tokens >= limit) {
        ctx.addIssue({ code: 'custom', path: ['max_tokens'], message: `must be below the model's context length ${limit}` });
      }
    }) as z.ZodType<GenerateInput>;
}
