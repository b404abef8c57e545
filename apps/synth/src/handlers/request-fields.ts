import { z } from 'zod';

/** Field rules the synth requests share (ranges from proto/aero/v1/synth.proto). */
export const requestFields = {
  text: z
    .string()
    .max(1_000_000, 'must be at most 1,000,000 characters')
    .refine((s) => s.trim() !== '', 'must not be empty'),
  temperature: z.number().min(0, 'must be in [0, 2]').max(2, 'must be in [0, 2]').optional(),
  maxTokens: z.number().int().min(1, 'must be at least 1').optional(),
  seed: z.number().int().optional(),
};
