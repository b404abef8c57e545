import { z } from 'zod';

/** Field rules the synth requests share (ranges from proto/aero/v1/synth.proto). */
export const requestFields = {
  text: z
    .string()
    .max(1_000_000, 'must be at most 1,000,000 characters')
    .refine((s) => s.trim() !== '', 'must not be empty'),
  temperature: z.number().min(0, 'must be in [0, 2]').max(2, 'must be in [0, 2]').optional(),
  // 2^20: beyond the context of any model served (the gateway also keeps it below max_model_len).
  maxTokens: z.number().int().min(1, 'must be in 1..1048576').max(1_048_576, 'must be in 1..1048576').optional(),
  // uint32: the gateway's seed range.
  seed: z.number().int().min(0, 'must be in 0..4294967295').max(4_294_967_295, 'must be in 0..4294967295').optional(),
};
