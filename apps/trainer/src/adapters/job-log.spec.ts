import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FileWriteError } from '@aero/files';
import { JobLog } from './job-log';

const logTo = (file: string) => {
  const errors: FileWriteError[] = [];
  return { log: new JobLog(file, (error) => errors.push(error)), errors };
};

describe('JobLog', () => {
  it('appends every chunk to the file and keeps the recent output', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'job-log-')), 'train.log');
    fs.writeFileSync(file, 'before\n');
    const { log, errors } = logTo(file);
    log.write('a\n');
    log.write(Buffer.from('b\n'));
    await log.close();
    expect(fs.readFileSync(file, 'utf8')).toBe('before\na\nb\n');
    expect(log.recent()).toBe('a\nb\n');
    expect(errors).toEqual([]);
  });

  it('reports a full disk once, naming the file, keeps the output in memory and still closes', async () => {
    // Every write to /dev/full fails with ENOSPC: a real full disk.
    const { log, errors } = logTo('/dev/full');
    log.write('a\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    log.write('b\n');
    await log.close();
    expect(errors.map((e) => e.message)).toEqual(['disk full: /dev/full']);
    expect(log.recent()).toBe('a\nb\n');
  });

  it('reports a log it cannot open, naming the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'job-log-'));
    const { log, errors } = logTo(dir);
    log.write('a\n');
    await log.close();
    expect(errors.map((e) => e.message)).toEqual([`cannot write ${dir} (EISDIR)`]);
  });
});
