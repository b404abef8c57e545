import { z } from 'zod';
import type { KtoExample, RoundExamples } from '@aero/contracts';
import { TRAINABLE_ROLES } from '../domain/role-values';

// A dataset of more examples than this is refused anyway (check-dataset-size), and a million is two
// orders of magnitude above a production run's history.
const MAX_EXAMPLES = 1_000_000;

const trainable = new Set<number>(TRAINABLE_ROLES.map(({ role }) => role));

/**
 * BuildDatasetRequest.round_examples. The examples are checked in `check`, in one plain loop after
 * their count: a zod schema per example took 2 s a million, time the trainer's event loop would be
 * blocked for by a request that is refused anyway.
 */
export const roundExamplesField = {
  schema: z.array(
    z.object({ round: z.number().int(), examples: z.custom<KtoExample[]>((examples) => Array.isArray(examples), 'must be a list of KtoExample') }),
  ) as z.ZodType<RoundExamples[]>,

  /** Each round in 1..round and given once; a million examples at most in all; each one trainable. */
  check(request: { round: number; round_examples: readonly RoundExamples[] }, ctx: z.RefinementCtx): void {
    const total = request.round_examples.reduce((n, r) => n + r.examples.length, 0);
    if (total > MAX_EXAMPLES) {
      ctx.addIssue({ code: 'custom', path: ['round_examples'], message: `holds ${total} examples, more than ${MAX_EXAMPLES}` });
      return;
    }
    const seen = new Set<number>();
    request.round_examples.forEach(({ round, examples }, i) => {
      const path = ['round_examples', i, 'round'];
      if (round < 1 || round > request.round) ctx.addIssue({ code: 'custom', path, message: `must be in 1..${request.round} (the request's round)` });
      else if (seen.has(round)) ctx.addIssue({ code: 'custom', path, message: `round ${round} is given twice` });
      seen.add(round);
      // The first fault of a round is enough to fix the sender; a million more would only weigh on the answer.
      for (const [j, example] of examples.entries()) {
        const fault = faultOf(example);
        if (!fault) continue;
        ctx.addIssue({ code: 'custom', path: ['round_examples', i, 'examples', j, fault.field], message: fault.message });
        break;
      }
    });
  },
};

function faultOf(example: KtoExample): { field: string; message: string } | undefined {
  if (!trainable.has(example.role)) return { field: 'role', message: 'must be ROLE_GENERATOR, ROLE_SOLVER or ROLE_REFINER' };
  if (example.prompt === '') return { field: 'prompt', message: 'is required' };
  if (example.completion === '') return { field: 'completion', message: 'is required' };
  return undefined;
}
