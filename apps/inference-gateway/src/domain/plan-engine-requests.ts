import type { EngineRequest, SamplingParams } from './engine-request';
import type { GenerateInput } from './generate-input';
import { splitN } from './split-n';

export interface PlanOptions {
  /** Largest n of one engine request. */
  maxN: number;
  /** max_tokens when the request sets none; 0 leaves it to the engine. */
  defaultMaxTokens: number;
}

/**
 * The engine requests that serve one Generate: one request with n samples, or several when n is
 * above maxN. Part k is seeded seed + k, because two requests with one seed would draw the same
 * samples (vLLM seeds every request's sequences from its seed).
 */
export function planEngineRequests(input: GenerateInput, options: PlanOptions): EngineRequest[] {
  const maxTokens = input.max_tokens ?? (options.defaultMaxTokens > 0 ? options.defaultMaxTokens : undefined);
  return splitN(input.n, options.maxN).map((n, k) => {
    const params: SamplingParams = {
      n,
      temperature: input.temperature ?? 1,
      top_p: input.top_p ?? 1,
      ...(maxTokens !== undefined && { max_tokens: maxTokens }),
      ...(input.seed !== undefined && { seed: input.seed + k }),
      ...(input.stop.length > 0 && { stop: input.stop }),
    };
    return input.messages.length > 0
      ? { endpoint: 'chat', messages: input.messages, params }
      : { endpoint: 'completions', prompt: input.prompt, params };
  });
}
