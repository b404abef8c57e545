import * as path from 'node:path';
import { z } from 'zod';
import { isHubModelId, LORA_TARGET } from '@aero/config';
import { TrainResponse } from '@aero/contracts';
import { serverStream } from '@aero/service-kit';
import type { TrainingJobs } from '../use-cases/training-jobs';
import { requestFields } from './request-fields';
import { toRpcError } from './to-rpc-error';

const positive = z.number().gt(0, 'must be > 0');
// lambda_D and lambda_U only balance desirable against undesirable examples (default 1 each).
const lossWeight = positive.max(100, 'must be in (0, 100]');
const atLeastOne = (max: number) => z.number().int().min(1, 'must be >= 1').max(max, `must be <= ${max}`);

const hyperparameters = z.object({
  pref_beta: positive.max(10, 'must be in (0, 10]').optional(),
  pref_ftx: z.number().min(0, 'must be in [0, 100]').max(100, 'must be in [0, 100]').optional(),
  learning_rate: positive.max(1, 'must be <= 1').optional(),
  num_train_epochs: positive.max(10_000, 'must be <= 10000').optional(),
  per_device_train_batch_size: atLeastOne(4096).optional(),
  gradient_accumulation_steps: atLeastOne(4096).optional(),
  cutoff_len: z.number().int().min(16, 'must be >= 16').max(1_048_576, 'must be <= 1048576').optional(),
  lora_rank: atLeastOne(4096).optional(),
  kto_chosen_weight: lossWeight.optional(),
  kto_rejected_weight: lossWeight.optional(),
  warmup_ratio: z.number().min(0, 'must be in [0, 1]').max(1, 'must be in [0, 1]').optional(),
  seed: requestFields.seed.optional(),
  finetuning_type: z.enum(['lora', 'full'], { message: 'must be "lora" or "full"' }).optional(),
  lora_alpha: positive.max(65_536, 'must be in (0, 65536]').optional(),
  lora_target: z.string().max(256, 'must be at most 256 characters').regex(LORA_TARGET, 'must be "all" or comma-separated module names (letters, digits, "_", ".")').optional(),
  lr_scheduler_type: z.enum(['cosine', 'linear', 'constant'], { message: 'must be "cosine", "linear" or "constant"' }).optional(),
  logging_steps: atLeastOne(1_000_000).optional(),
  bf16: z.boolean().optional(),
  additional_target: z.string().max(256, 'must be at most 256 characters').regex(LORA_TARGET, 'must be comma-separated module names (letters, digits, "_", ".")').optional(),
});

const schema = z.object({
  run_id: requestFields.runId,
  round: requestFields.round,
  dataset: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must name a dataset BuildDataset wrote, e.g. "aero_r2"'),
  // The shape is checked here, before the run, dataset or folder is looked up: "-rf" is the caller's
  // mistake (INVALID_ARGUMENT) whatever exists. The embedded backend's refusal of hub ids comes later.
  base_model: z
    .string()
    .min(1, 'is required')
    .max(4096)
    .regex(/^[^\0\n\r]*$/, 'must be a single-line path')
    .refine((m) => path.isAbsolute(m) || isHubModelId(m), 'must be an absolute model folder path or a hub id "owner/name"'),
  hyperparameters: hyperparameters.optional(),
});

/**
 * Train streams the job until its model exists. When the call ends early (the caller goes away, its
 * deadline passes, the server stops) the job is cancelled: nobody would learn where the model went.
 * A Train for a job that is still stopping (cancelled, or its Train call ended) waits until it has
 * stopped and starts it again, so a resume right after a cancel works; one still running is refused.
 */
export function trainHandler(jobs: TrainingJobs) {
  return serverStream(schema, async function* (request, ctx) {
    let jobId: string | undefined;
    // The kit aborts with why the call ended: the caller cancelled, its deadline passed, or the server is stopping.
    const onAbort = () => jobId && void jobs.cancel(jobId, `was cancelled because its Train call ended (${(ctx.signal.reason as Error).message})`);
    ctx.signal.addEventListener('abort', onAbort);
    try {
      const job = await jobs.start({
        runId: request.run_id,
        round: request.round,
        dataset: request.dataset,
        baseModel: request.base_model,
        hyperparameters: request.hyperparameters,
      });
      jobId = job.id;
      // The call may have ended while the job was being set up (start waits for an earlier attempt to stop), with no job to cancel yet.
      if (ctx.signal.aborted) onAbort();
      for await (const update of job.updates()) yield TrainResponse.fromPartial({ job: update });
    } catch (error) {
      throw toRpcError(error);
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
    }
  });
}
