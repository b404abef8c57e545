import { z } from 'zod';
import { CancelJobResponse } from '@aero/contracts';
import { unary } from '@aero/service-kit';
import type { TrainingJobs } from '../use-cases/training-jobs';
import { requestFields } from './request-fields';
import { toRpcError } from './to-rpc-error';

const schema = z.object({ job_id: requestFields.jobId });

/** Answers once the job's processes are gone; cancelling a finished job returns it unchanged. */
export function cancelJobHandler(jobs: TrainingJobs) {
  return unary(schema, async (request) => {
    try {
      return CancelJobResponse.fromPartial({ job: await jobs.cancel(request.job_id) });
    } catch (error) {
      throw toRpcError(error);
    }
  });
}
