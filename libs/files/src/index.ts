export { failingFileSystem } from './failing-file-system';
export type { FileSystem } from './file-system';
export { FileWriteError } from './file-write-error';
export { writeFileAtomic } from './write-file-atomic';
export { writingFile } from './writing-file';
