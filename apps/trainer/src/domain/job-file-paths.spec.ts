import * as path from 'node:path';
import { Job } from '@aero/contracts';
import { portableJobPaths, resolveJobPaths } from './job-file-paths';

describe('job.json paths', () => {
  const at = (dir: string) => Job.fromPartial({ id: 'run-r1', model_path: path.join(dir, 'model'), config_path: path.join(dir, 'train.yaml'), log_path: path.join(dir, 'train.log') });

  it('keeps the paths inside the job folder relative to it, and reads them where the folder is now', () => {
    const portable = portableJobPaths(at('/store-a/runs/run/training/r1'), '/store-a/runs/run/training/r1');
    expect([portable.model_path, portable.config_path, portable.log_path]).toEqual(['./model', './train.yaml', './train.log']);
    expect(resolveJobPaths(portable, '/store-b/runs/run/training/r1')).toEqual(at('/store-b/runs/run/training/r1'));
  });

  it('leaves an unset model path unset, and a path outside the folder, or from a job.json written before, absolute', () => {
    const running = portableJobPaths(Job.fromPartial({ model_path: '', log_path: '/elsewhere/train.log' }), '/runs/run/training/r1');
    expect([running.model_path, running.log_path]).toEqual(['', '/elsewhere/train.log']);
    expect(resolveJobPaths(at('/old/r1'), '/new/r1')).toEqual(at('/old/r1'));
  });
});
