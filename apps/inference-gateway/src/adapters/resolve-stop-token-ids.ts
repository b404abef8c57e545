import type { EngineClient } from './engine-client';

/**
 * The token ids of the chat template's end-of-turn tokens in the served model's tokenizer (vLLM's
 * /tokenize). Each must be one token: a template whose end of turn the tokenizer splits does not
 * belong to this model.
 */
export async function resolveStopTokenIds(client: EngineClient, model: string, stopTokens: readonly string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const token of stopTokens) {
    const tokens = await client.tokenize(model, token).catch((error: unknown) => {
      throw new Error(`cannot look up the end-of-turn token ${token} (engine.chat_template) with POST /tokenize: ${(error as Error).message}`);
    });
    if (tokens.length !== 1) {
      throw new Error(`the model's tokenizer splits ${token} into ${tokens.length} tokens: engine.chat_template does not match this model`);
    }
    ids.push(tokens[0]);
  }
  return ids;
}
