import { z } from 'zod';

const requiredObject = { error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : 'must be a message') };
const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'must be 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit');
const nonEmpty = z.string().refine((s) => s.trim() !== '', 'must not be empty');
const count = z.number().int().min(0);

const sample = z.object({
  index: count,
  text: z.string(),
  answer: z.string(),
  parsed: z.boolean(),
  finish_reason: z.number().int(),
  completion_tokens: count,
});

const cluster = z.object({
  key: z.string(),
  count: z.number().int().min(1, 'must be at least 1'),
  representative: nonEmpty,
  member_indexes: z.array(count),
});

const question = z.object(
  {
    id,
    text: nonEmpty,
    meta: z
      .object({ knowledge_points: z.array(z.string()), domain: z.string(), background: z.string() })
      .default({ knowledge_points: [], domain: '', background: '' }),
    parsed: z.boolean(),
    prompt: nonEmpty,
    raw_output: z.string(),
    round: count,
    index: count,
  },
  requiredObject,
);

const analysis = z.object(
  {
    clusters: z.array(cluster),
    total_valid: count,
    sample_count: count,
    entropy: z.number().min(0),
    normalized_entropy: z.number().min(0).max(1),
    status: z.number().int().min(1, 'must be set').max(3, 'must be a QuestionStatus'),
  },
  requiredObject,
);

/**
 * aero.v1.VerifyRequest, including the cross-field rules ICC relies on: one sample per analysed
 * sample in index order, and cluster members that exist.
 */
export const verifyRequestSchema = z
  .object({
    run_id: id,
    round: z.number().int().min(1, 'must be at least 1'),
    question,
    solver_prompt: nonEmpty,
    samples: z.array(sample),
    analysis,
    solver_labels: z.number().int().min(0).max(2, 'must be SOLVER_LABELS_CODE or SOLVER_LABELS_PAPER'),
    refiner_temperature: z.number().min(0, 'must be in [0, 2]').max(2, 'must be in [0, 2]').optional(),
    seed: z.number().int().optional(),
    allow_judge: z.boolean(),
    labeller: z.number().int().min(0).max(2, 'must be LABELLER_ICC or LABELLER_MAJORITY'),
  })
  .superRefine((request, ctx) => {
    const n = request.samples.length;
    if (n !== request.analysis.sample_count) {
      ctx.addIssue({ code: 'custom', path: ['samples'], message: `has ${n} entries but analysis.sample_count is ${request.analysis.sample_count}` });
    }
    request.samples.forEach((s, i) => {
      if (s.index !== i) ctx.addIssue({ code: 'custom', path: ['samples', i, 'index'], message: `must be ${i} (samples in index order)` });
    });
    request.analysis.clusters.forEach((c, k) => {
      if (c.member_indexes.some((i) => i >= n)) {
        ctx.addIssue({ code: 'custom', path: ['analysis', 'clusters', k, 'member_indexes'], message: `must refer to samples 0..${n - 1}` });
      }
    });
  });
