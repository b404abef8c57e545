import { z } from 'zod';

/**
 * Samples one request may ask for, n × prompts. A request's cache slots are taken together (one with
 * more samples than --max-num-seqs runs alone rather than wait forever), so without a cap one caller
 * could make the engine allocate and decode 64 prompts × n 128 = 8 192 of them at once.
 */
export const MAX_SAMPLES_PER_REQUEST = 128;

// Up to 8 stop strings of at most 256 characters, what proto/aero/v1 GenerateRequest.stop allows:
// every one is matched against the text after each generated token.
const stopString = z.string().max(256);
const stop = z.union([stopString, z.array(stopString).max(8)]).nullish();

// Fields every OpenAI sampling request shares. Unknown fields are tolerated, as vLLM does, but the
// ones that would change the output in ways this engine cannot honour are rejected by name.
const sampling = {
  model: z.string(),
  n: z.number().int().min(1).max(MAX_SAMPLES_PER_REQUEST).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().gt(0).max(1).nullish(),
  max_tokens: z.number().int().min(1).nullish(),
  seed: z.number().int().nullish(),
  stop,
  ignore_eos: z.boolean().nullish(),
  stream: z.literal(false).nullish(),
  logprobs: z.union([z.literal(false), z.null()]).optional(),
};

export const CompletionRequestSchema = z
  .object({
    ...sampling,
    prompt: z.union([z.string(), z.array(z.string()).min(1).max(64)]),
  })
  .superRefine((r, ctx) => {
    const prompts = typeof r.prompt === 'string' ? 1 : r.prompt.length;
    const samples = (r.n ?? 1) * prompts;
    if (samples > MAX_SAMPLES_PER_REQUEST) {
      ctx.addIssue({ code: 'custom', path: ['n'], message: `n ${r.n} × ${prompts} prompts is ${samples} samples; at most ${MAX_SAMPLES_PER_REQUEST} per request` });
    }
  });
export type CompletionRequest = z.infer<typeof CompletionRequestSchema>;

export const ChatRequestSchema = z.object({
  ...sampling,
  max_completion_tokens: z.number().int().min(1).nullish(),
  messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant', 'developer']), content: z.string() })).min(1),
  chat_template_kwargs: z.record(z.string(), z.unknown()).nullish(),
});
export type ChatRequest = z.infer<typeof ChatRequestSchema>;

/** SGLang's POST /update_weights_from_disk body: the checkpoint to serve from the next request on. */
export const UpdateWeightsRequestSchema = z.object({
  model_path: z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'must not contain NUL'),
});
