import * as fs from 'node:fs';
import type { FileSystem } from './file-system';

/**
 * For tests: node:fs, except that a write to a file fails with ENOSPC while `full(path)` holds, as
 * on a full disk (the file can be created, its data cannot be written). `full` is asked at every
 * write, so a test can fill the disk part-way through.
 */
export function failingFileSystem(full: (file: string) => boolean): FileSystem {
  const opened = new Map<number, string>();
  const checked = (fd: number) => {
    const file = opened.get(fd);
    if (file !== undefined && full(file)) {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    }
  };
  return {
    ...fs,
    openSync: ((file: fs.PathLike, ...rest: unknown[]) => {
      const fd = (fs.openSync as (...args: unknown[]) => number)(file, ...rest);
      opened.set(fd, String(file));
      return fd;
    }) as typeof fs.openSync,
    writeSync: ((fd: number, ...rest: unknown[]) => {
      checked(fd);
      return (fs.writeSync as (...args: unknown[]) => number)(fd, ...rest);
    }) as typeof fs.writeSync,
    writeFileSync: ((target: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      if (typeof target === 'number') checked(target);
      (fs.writeFileSync as (...args: unknown[]) => void)(target, ...rest);
    }) as typeof fs.writeFileSync,
    closeSync: (fd: number) => {
      opened.delete(fd);
      fs.closeSync(fd);
    },
  };
}
