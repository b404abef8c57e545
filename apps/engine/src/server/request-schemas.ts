import { z } from 'zod';

// Up to 8 stop strings, as many as proto/aero/v1 GenerateRequest.stop allows.
const stop = z.union([z.string(), z.array(z.string()).max(8)]).nullish();

// Fields every OpenAI sampling request shares. Unknown fields are tolerated, as vLLM does, but the
// ones that would change the output in ways this engine cannot honour are rejected by name.
const sampling = {
  model: z.string(),
  n: z.number().int().min(1).max(128).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().gt(0).max(1).nullish(),
  max_tokens: z.number().int().min(1).nullish(),
  seed: z.number().int().nullish(),
  stop,
  ignore_eos: z.boolean().nullish(),
  stream: z.literal(false).nullish(),
  logprobs: z.union([z.literal(false), z.null()]).optional(),
};

export const CompletionRequestSchema = z.object({
  ...sampling,
  prompt: z.union([z.string(), z.array(z.string()).min(1).max(64)]),
});
export type CompletionRequest = z.infer<typeof CompletionRequestSchema>;

export const ChatRequestSchema = z.object({
  ...sampling,
  max_completion_tokens: z.number().int().min(1).nullish(),
  messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant', 'developer']), content: z.string() })).min(1),
  chat_template_kwargs: z.record(z.string(), z.unknown()).nullish(),
});
export type ChatRequest = z.infer<typeof ChatRequestSchema>;
