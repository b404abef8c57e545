/** What one engine request answered, normalised over the completions and chat endpoints. */
export interface EngineReply {
  choices: { text: string; finishReason: string | null }[];
  promptTokens: number;
  completionTokens: number;
  /** Model name the engine answered with. */
  model: string;
  /** Instance that served the request. */
  instanceId: string;
}
