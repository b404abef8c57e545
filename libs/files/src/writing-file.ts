import { FileWriteError } from './file-write-error';

/** `write()`, with its failure reported as a FileWriteError naming `file` ("disk full: <file>"). */
export function writingFile<T>(file: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    throw new FileWriteError(file, error);
  }
}
