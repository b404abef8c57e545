/**
 * A write that did not reach the disk, named by the file it was for (not the temporary file or
 * descriptor the system call saw), so that a service can say which file, and whether the disk is full.
 */
export class FileWriteError extends Error {
  readonly code: string;

  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    const code = String((cause as NodeJS.ErrnoException | undefined)?.code ?? 'UNKNOWN');
    super(code === 'ENOSPC' ? `disk full: ${file}` : `cannot write ${file} (${code})`, { cause });
    this.name = 'FileWriteError';
    this.code = code;
  }

  get diskFull(): boolean {
    return this.code === 'ENOSPC';
  }
}
