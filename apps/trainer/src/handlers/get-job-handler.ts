import { z } from 'zod';
import { GetJobResponse } from '@aero/contracts';
import { unary } from '@aero/service-kit';
import type { TrainingJobs } from '../use-cases/training-jobs';
import { requestFields } from './request-fields';
import { toRpcError } from './to-rpc-error';

const schema = z.object({ job_id: requestFields.jobId });

export function getJobHandler(jobs: TrainingJobs) {
  return unary(schema, async (request) => {
    try {
      return GetJobResponse.fromPartial({ job: jobs.get(request.job_id) });
    } catch (error) {
      throw toRpcError(error);
    }
  });
}
