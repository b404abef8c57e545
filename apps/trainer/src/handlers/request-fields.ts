import { z } from 'zod';
import { JobId } from '../domain/job-id';
import { RUN_ID_PATTERN } from '../domain/run-id';

/** Field schemas several trainer requests share; their messages complete "invalid <field>: ...". */
export const requestFields = {
  runId: z.string().regex(RUN_ID_PATTERN, 'must be 1..64 letters, digits, "-" or "_"'),
  // A run has at most 1000 rounds (config aero.rounds).
  round: z.number().int().min(1, 'must be in 1..1000').max(1000, 'must be in 1..1000'),
  // uint32, the range of aero.seed (the default): numpy, which seeds LLaMA-Factory's training, refuses more.
  seed: z.number().int().min(0, 'must be in 0..4294967295').max(4_294_967_295, 'must be in 0..4294967295'),
  jobId: z.string().refine((id) => JobId.parse(id) !== undefined, 'must be a job id "<run_id>-r<round>"'),
};
