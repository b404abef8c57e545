import { z } from 'zod';
import { Role, type RefineResponse } from '@aero/contracts';
import { unary } from '@aero/service-kit';
import { requestFields } from './request-fields';
import { sampleRole } from './sample-role';
import type { SynthDeps } from './synth-deps';

const schema = z.object({
  question: requestFields.text,
  candidate: requestFields.text,
  temperature: requestFields.temperature,
  max_tokens: requestFields.maxTokens,
  seed: requestFields.seed,
});

/** Refine: one re-derivation of a suspect candidate, with the exact refiner prompt. */
export function refineMethod(deps: SynthDeps) {
  return unary(schema, async (request, ctx): Promise<RefineResponse> => {
    const prompt = deps.prompts.refiner(request.question, request.candidate);
    const { samples, usage } = await sampleRole(
      deps,
      {
        prompt,
        role: Role.ROLE_REFINER,
        n: 1,
        temperature: request.temperature ?? deps.aero.temperatures.refiner,
        maxTokens: request.max_tokens ?? deps.aero.max_tokens.refiner,
        seed: request.seed,
      },
      ctx,
    );
    return { prompt, refinement: samples[0], usage };
  });
}
