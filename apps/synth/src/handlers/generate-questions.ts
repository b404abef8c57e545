import { z } from 'zod';
import { Role, type GenerateQuestionsResponse } from '@aero/contracts';
import { serverStream } from '@aero/service-kit';
import { buildQuestion } from '../domain/build-question';
import { mapOrdered } from '../domain/map-ordered';
import { requestFields } from './request-fields';
import type { SynthDeps } from './synth-deps';

const DEFAULT_CONCURRENCY = 8;

// Rounds and questions per round as config aero.rounds and aero.questions_per_round allow them.
const schema = z
  .object({
    round: z.number().int().min(1, 'must be in 1..1000').max(1000, 'must be in 1..1000'),
    start_index: z.number().int().min(0, 'must be in 0..99999').max(99_999, 'must be in 0..99999'),
    count: z.number().int().min(1, 'must be in 1..100000').max(100_000, 'must be in 1..100000'),
    temperature: requestFields.temperature,
    max_tokens: requestFields.maxTokens,
    seed: requestFields.seed,
    concurrency: z.number().int().min(0, 'must be in 0..256').max(256, 'must be in 0..256'),
  })
  .superRefine((r, ctx) => {
    // The gateway would refuse the later questions' seeds only after the first ones were generated.
    const last = r.seed === undefined ? undefined : r.seed + r.start_index + r.count - 1;
    if (last !== undefined && !requestFields.seed.safeParse(last).success) {
      ctx.addIssue({ code: 'custom', path: ['seed'], message: `gives the last question seed + start_index + count - 1 = ${last}, above 4294967295` });
    }
  });

/**
 * GenerateQuestions: one generator call per question, `concurrency` at a time, streamed in index
 * order. Question index i samples with seed + i, so a resumed round regenerates exactly the
 * questions it lacks; empty outputs are dropped (their ids leave a gap).
 */
export function generateQuestionsMethod(deps: SynthDeps) {
  return serverStream(schema, async function* (request, ctx): AsyncGenerator<GenerateQuestionsResponse> {
    const prompt = deps.prompts.generator();
    const settings = { deadline: ctx.deadline, signal: ctx.signal };
    const questions = mapOrdered(request.count, request.concurrency || DEFAULT_CONCURRENCY, async (k) => {
      const index = request.start_index + k;
      const response = await deps.gateway.generate(
        {
          prompt,
          role: Role.ROLE_GENERATOR,
          n: 1,
          temperature: request.temperature ?? deps.aero.temperatures.generator,
          maxTokens: request.max_tokens ?? deps.aero.max_tokens.generator,
          seed: request.seed === undefined ? undefined : request.seed + index,
        },
        settings,
      );
      return buildQuestion(request.round, index, prompt, response.choices[0].text);
    });
    for await (const question of questions) if (question) yield { question };
  });
}
