import type { AeroConfig } from '@aero/config';
import type { RolePrompts } from '@aero/prompts';
import type { AnswerExtractor } from '../adapters/answer-extractor';
import type { InferenceGateway } from '../adapters/inference-gateway';

/** What the synth handlers run on; main.ts builds it from the config. */
export interface SynthDeps {
  /** The configured profile's templates (prompts.profile). */
  prompts: RolePrompts;
  gateway: InferenceGateway;
  extractor: AnswerExtractor;
  /** Defaults for fields a request leaves unset. */
  aero: Pick<AeroConfig['aero'], 'sampling_n' | 'temperatures' | 'max_tokens'>;
}
