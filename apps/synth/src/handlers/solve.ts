import { z } from 'zod';
import { Role, type SolveResponse } from '@aero/contracts';
import { unary } from '@aero/service-kit';
import { requestFields } from './request-fields';
import { sampleRole } from './sample-role';
import type { SynthDeps } from './synth-deps';

const schema = z.object({
  question: requestFields.text,
  n: z.number().int().min(0).max(1024, 'must be at most 1024'),
  temperature: requestFields.temperature,
  max_tokens: requestFields.maxTokens,
  seed: requestFields.seed,
});

/** Solve: n solver samples of one question in ONE gateway call, with the exact solver prompt. */
export function solveMethod(deps: SynthDeps) {
  return unary(schema, async (request, ctx): Promise<SolveResponse> => {
    const prompt = deps.prompts.solver(request.question);
    const { samples, usage } = await sampleRole(
      deps,
      {
        prompt,
        role: Role.ROLE_SOLVER,
        n: request.n || deps.aero.sampling_n,
        temperature: request.temperature ?? deps.aero.temperatures.solver,
        maxTokens: request.max_tokens ?? deps.aero.max_tokens.solver,
        seed: request.seed,
      },
      ctx,
    );
    return { prompt, samples, usage };
  });
}
