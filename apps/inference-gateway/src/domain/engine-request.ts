import type { ChatTurn } from './generate-input';

/** Sampling fields of one OpenAI-compatible request; undefined fields are left to the engine. */
export interface SamplingParams {
  n: number;
  temperature: number;
  top_p?: number;
  top_k?: number;
  max_tokens?: number;
  seed?: number;
  stop?: string[];
}

/** One engine HTTP request: /v1/completions for a prompt, /v1/chat/completions for messages. */
export type EngineRequest =
  | { endpoint: 'completions'; prompt: string; params: SamplingParams }
  | { endpoint: 'chat'; messages: ChatTurn[]; params: SamplingParams };
