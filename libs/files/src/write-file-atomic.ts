import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileSystem } from './file-system';
import { FileWriteError } from './file-write-error';

/**
 * Writes a file so that readers see the old content or the new, never a part: the data goes to a
 * temporary sibling, is flushed to disk, and is renamed over the target. A failure throws a
 * FileWriteError and leaves the old content and no temporary file.
 */
export function writeFileAtomic(file: string, data: string | Buffer, files: FileSystem = fs): void {
  const temp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    files.mkdirSync(path.dirname(file), { recursive: true });
    const fd = files.openSync(temp, 'w');
    try {
      files.writeFileSync(fd, data);
      files.fsyncSync(fd);
    } finally {
      files.closeSync(fd);
    }
    files.renameSync(temp, file);
  } catch (error) {
    removeTemp(files, temp);
    throw new FileWriteError(file, error);
  }
}

function removeTemp(files: FileSystem, temp: string): void {
  try {
    files.rmSync(temp, { force: true });
  } catch {
    // The write's own failure is the one to report; a folder that refuses this removal refused the write too.
  }
}
