import type { FileWriteError } from '@aero/files';
import { TrainerError } from './trainer-error';

/** A file the trainer could not write, as its callers learn it: RESOURCE_EXHAUSTED when the disk is full. */
export function writeFailure(error: FileWriteError): TrainerError {
  return new TrainerError(error.diskFull ? 'resource_exhausted' : 'internal', error.message);
}
