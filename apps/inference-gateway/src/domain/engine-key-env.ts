/**
 * The environment that hands an engine its API key: VLLM_API_KEY, which vLLM and the embedded
 * engine read as they read --api-key. Not the flag: a command line is visible to anyone on the host
 * (`ps`), the environment only to its user. Empty without a key (gRPC auth off).
 */
export function engineKeyEnv(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { VLLM_API_KEY: apiKey } : {};
}
