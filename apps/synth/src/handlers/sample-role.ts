import type { Sample, Usage } from '@aero/contracts';
import type { CallContext } from '@aero/service-kit';
import type { GenerateOptions } from '../adapters/inference-gateway';
import { samplesFromChoices } from '../domain/samples-from-choices';
import type { SynthDeps } from './synth-deps';

const NO_USAGE: Usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };

/** One gateway call for `options.n` samples of a rendered prompt, then their answers. */
export async function sampleRole(
  deps: SynthDeps,
  options: GenerateOptions,
  ctx: CallContext,
): Promise<{ samples: Sample[]; usage: Usage }> {
  const settings = { deadline: ctx.deadline, signal: ctx.signal };
  const response = await deps.gateway.generate(options, settings);
  const answers = await deps.extractor.extractAll(
    response.choices.map((choice) => choice.text),
    settings,
  );
  return { samples: samplesFromChoices(response.choices, answers), usage: response.usage ?? NO_USAGE };
}
