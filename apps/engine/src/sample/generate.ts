import { Decoder } from '../model/decoder';
import { CharTokenizer } from '../tokenizer/char-tokenizer';
import { DecodeLoop } from './decode-loop';

export interface GenerationRequest {
  prompt: number[];
  n: number;
  temperature: number;
  topP: number;
  maxTokens: number;
  stop: string[];
  seed: number;
  /** vLLM's ignore_eos: the end-of-text token is never drawn, so only max_tokens or a stop string ends a sample. */
  ignoreEos?: boolean;
  /** Aborting drops the request's samples at the next decode step (its client went away). */
  signal?: AbortSignal;
}

export interface Sample {
  text: string;
  tokens: number;
  finishReason: 'stop' | 'length' | 'abort';
}

/**
 * Samples every request's n completions together and returns them in request order: a
 * DecodeLoop with room for all of them, so each prompt is prefilled once and forked into its n
 * slots, and a seed reproduces its samples whatever else is in the batch. The prompts are all
 * checked before anything runs.
 */
export async function generate(
  decoder: Decoder, tok: CharTokenizer, requests: readonly GenerationRequest[], yieldEvery = 8,
): Promise<Sample[][]> {
  for (const r of requests) DecodeLoop.check(decoder, r);
  const loop = new DecodeLoop(decoder, tok, requests.reduce((s, r) => s + Math.max(1, r.n), 0), yieldEvery);
  return Promise.all(requests.map((r) => loop.add(r)));
}
