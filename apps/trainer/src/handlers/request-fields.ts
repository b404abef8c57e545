import { z } from 'zod';
import { JobId } from '../domain/job-id';
import { RUN_ID_PATTERN } from '../domain/run-id';

/** Field schemas several trainer requests share; their messages complete "invalid <field>: ...". */
export const requestFields = {
  runId: z.string().regex(RUN_ID_PATTERN, 'must be 1..64 letters, digits, "-" or "_"'),
  round: z.number().int().min(1, 'must be >= 1').max(1_000_000, 'must be <= 1000000'),
  jobId: z.string().refine((id) => JobId.parse(id) !== undefined, 'must be a job id "<run_id>-r<round>"'),
};
