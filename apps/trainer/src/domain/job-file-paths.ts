import * as path from 'node:path';
import type { Job } from '@aero/contracts';

type PathField = 'model_path' | 'config_path' | 'log_path';
const FIELDS: PathField[] = ['model_path', 'config_path', 'log_path'];

/**
 * The job as job.json keeps it: its paths inside the job folder relative to it ("./model"), so that a
 * run folder moved or copied with its training/ still names its files where they are now.
 */
export function portableJobPaths(job: Job, jobDir: string): Job {
  return mapPaths(job, (p) => {
    const relative = path.relative(jobDir, p);
    const outside = relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
    return outside ? p : `.${path.sep}${relative}`;
  });
}

/** The job job.json holds, its paths absolute where the job folder is now; a job.json written before keeps its absolute paths. */
export function resolveJobPaths(job: Job, jobDir: string): Job {
  return mapPaths(job, (p) => path.resolve(jobDir, p));
}

function mapPaths(job: Job, map: (p: string) => string): Job {
  return { ...job, ...Object.fromEntries(FIELDS.map((field) => [field, job[field] === '' ? '' : map(job[field])])) };
}
