import type { AeroConfig } from '@aero/config';
import type { EngineRequest, SamplingParams } from './engine-request';
import type { GenerateInput } from './generate-input';
import { roleLabel } from './role-label';
import { splitN } from './split-n';

export interface PlanOptions {
  /** Largest n of one engine request. */
  maxN: number;
  /** max_tokens when the request sets none; 0 leaves it to the engine. */
  defaultMaxTokens: number;
  /** top_p and top_k per role when the request sets none; null leaves them to the engine. */
  sampling: AeroConfig['engine']['sampling'];
}

type SamplingRole = keyof AeroConfig['engine']['sampling']['top_p'];

/**
 * The engine requests that serve one Generate: one request with n samples, or several when n is
 * above maxN. vLLM seeds sample i of a request with seed + i, so part k is seeded with seed plus the
 * samples of the parts before it: the n samples get the n seeds seed .. seed + n - 1, none twice.
 */
export function planEngineRequests(input: GenerateInput, options: PlanOptions): EngineRequest[] {
  const maxTokens = input.max_tokens ?? (options.defaultMaxTokens > 0 ? options.defaultMaxTokens : undefined);
  const role = roleLabel(input.role);
  const topP = input.top_p ?? ofRole(options.sampling.top_p, role);
  const topK = ofRole(options.sampling.top_k, role);
  let drawn = 0;
  return splitN(input.n, options.maxN).map((n) => {
    const params: SamplingParams = {
      n,
      temperature: input.temperature ?? 1,
      ...(topP !== undefined && { top_p: topP }),
      ...(topK !== undefined && { top_k: topK }),
      ...(maxTokens !== undefined && { max_tokens: maxTokens }),
      ...(input.seed !== undefined && { seed: input.seed + drawn }),
      ...(input.stop.length > 0 && { stop: input.stop }),
    };
    drawn += n;
    return input.messages.length > 0
      ? { endpoint: 'chat', messages: input.messages, params }
      : { endpoint: 'completions', prompt: input.prompt, params };
  });
}

/** The configured value for a role label; undefined for no value and for requests without a role. */
function ofRole(values: Record<SamplingRole, number | null>, role: string): number | undefined {
  return Object.hasOwn(values, role) ? (values[role as SamplingRole] ?? undefined) : undefined;
}
