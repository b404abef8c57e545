import type { EngineClient } from './engine-client';
import { resolveStopTokenIds } from './resolve-stop-token-ids';

/** A client whose /tokenize answers from a table, or fails. */
const clientWith = (vocabulary: Record<string, number[]> | Error) =>
  ({
    tokenize: async (_model: string, text: string) => {
      if (vocabulary instanceof Error) throw vocabulary;
      return vocabulary[text] ?? [];
    },
  }) as unknown as EngineClient;

describe('resolveStopTokenIds', () => {
  it("looks each end-of-turn token up in the served model's tokenizer", async () => {
    expect(await resolveStopTokenIds(clientWith({ '<|im_end|>': [151645] }), 'm', ['<|im_end|>'])).toEqual([151645]);
    expect(await resolveStopTokenIds(clientWith(new Error('unused')), 'm', [])).toEqual([]);
  });

  it('refuses a template whose end of turn the tokenizer splits: it is not this model', async () => {
    await expect(resolveStopTokenIds(clientWith({ '<|im_end|>': [27, 91, 318] }), 'm', ['<|im_end|>'])).rejects.toThrow(
      'splits <|im_end|> into 3 tokens: engine.chat_template does not match this model',
    );
  });

  it('says which lookup failed when the engine has no /tokenize', async () => {
    await expect(resolveStopTokenIds(clientWith(new Error('404 Not Found')), 'm', ['<|im_end|>'])).rejects.toThrow(
      'cannot look up the end-of-turn token <|im_end|> (engine.chat_template) with POST /tokenize: 404 Not Found',
    );
  });
});
