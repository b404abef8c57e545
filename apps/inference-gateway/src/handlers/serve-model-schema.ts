import { z } from 'zod';

/** Validation of ServeModelRequest; what the checkpoint means is checked per backend afterwards. */
export const serveModelSchema = z.object({
  checkpoint: z
    .string()
    .min(1, 'is required')
    .max(4096)
    // eslint-disable-next-line no-control-regex
    .refine((c) => !/[\u0000-\u001f]/.test(c), 'must not contain control characters')
    .refine((c) => !c.startsWith('-'), 'must not start with "-" (the engine\'s command line would read it as an option)'),
  // A day: vLLM loading the largest checkpoints takes minutes, not hours.
  ready_timeout_s: z.number().int().min(0, 'must be in 0..86400').max(86_400, 'must be in 0..86400'),
});
