import { z } from 'zod';

const requiredObject = { error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : 'must be a message') };
const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'must be 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit');
// Every text of a question comes from synth and the analyzer, which take at most 1,000,000 characters;
// a prompt holds one such text and its template, so twice that bounds it. A longer one is no output
// of theirs, and would only be carried into every refinement.
const MAX_TEXT = 1_000_000;
const text = z.string().max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`);
const MAX_PROMPT = 2 * MAX_TEXT;
const nonEmpty = (max: number) => z.string().max(max, `must be at most ${max} characters`).refine((s) => s.trim() !== '', 'must not be empty');
const upTo = (max: number) => z.number().int().min(0, `must be in 0..${max}`).max(max, `must be in 0..${max}`);
// The samples of one question come from one Analyze, which takes at most 4096.
const MAX_SAMPLES = 4096;
const sampleCount = upTo(MAX_SAMPLES);

const sample = z.object({
  index: sampleCount,
  text,
  answer: text,
  parsed: z.boolean(),
  finish_reason: z.number().int().min(0).max(2, 'must be a FinishReason'),
  // The largest max_tokens synth and the gateway take.
  completion_tokens: upTo(1_048_576),
});

const cluster = z.object({
  key: text,
  count: z.number().int().min(1, `must be in 1..${MAX_SAMPLES}`).max(MAX_SAMPLES, `must be in 1..${MAX_SAMPLES}`),
  representative: nonEmpty(MAX_TEXT),
  member_indexes: z.array(sampleCount),
});

const question = z.object(
  {
    id,
    text: nonEmpty(MAX_TEXT),
    meta: z
      .object({ knowledge_points: z.array(text), domain: text, background: text })
      .default({ knowledge_points: [], domain: '', background: '' }),
    parsed: z.boolean(),
    prompt: nonEmpty(MAX_PROMPT),
    raw_output: text,
    // Rounds and questions per round as config aero.rounds and aero.questions_per_round allow them.
    round: upTo(1000),
    index: upTo(99_999),
  },
  requiredObject,
);

const analysis = z.object(
  {
    clusters: z.array(cluster),
    total_valid: sampleCount,
    sample_count: sampleCount,
    // Bits: log2 of the number of samples at most.
    entropy: z.number().min(0, 'must be in [0, 12]').max(Math.log2(MAX_SAMPLES), 'must be in [0, 12]'),
    normalized_entropy: z.number().min(0, 'must be in [0, 1]').max(1, 'must be in [0, 1]'),
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
    round: z.number().int().min(1, 'must be in 1..1000').max(1000, 'must be in 1..1000'),
    question,
    solver_prompt: nonEmpty(MAX_PROMPT),
    samples: z.array(sample).max(MAX_SAMPLES, `must have at most ${MAX_SAMPLES} entries`),
    analysis,
    solver_labels: z.number().int().min(0).max(2, 'must be SOLVER_LABELS_CODE or SOLVER_LABELS_PAPER'),
    refiner_temperature: z.number().min(0, 'must be in [0, 2]').max(2, 'must be in [0, 2]').optional(),
    // r2 is refined with seed + 1, which synth takes only within uint32.
    seed: z.number().int().min(0, 'must be in 0..4294967294').max(4_294_967_294, 'must be in 0..4294967294').optional(),
    allow_judge: z.boolean(),
    labeller: z.number().int().min(0).max(4, 'must be LABELLER_ICC, LABELLER_MAJORITY, LABELLER_ORACLE or LABELLER_ICC_ORACLE'),
    icc_consensus: z.number().int().min(0).max(2, 'must be ICC_CONSENSUS_ANY or ICC_CONSENSUS_C1_OR_C2'),
    icc_min_support: z.number().min(0, 'must be in [0, 1]').max(1, 'must be in [0, 1]').optional(),
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
