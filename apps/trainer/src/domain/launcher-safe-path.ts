import { TrainerError } from './trainer-error';

/**
 * A path given to `llamafactory-cli train` on its command line. LLaMA-Factory's launcher joins its
 * arguments with spaces and splits the torchrun command line on whitespace again, so such a path
 * must have none; refused before anything starts, naming the setting to change.
 */
export function launcherSafePath(file: string, setting: string): string {
  if (/\s/.test(file)) {
    throw new TrainerError(
      'failed_precondition',
      `${setting} ${JSON.stringify(file)} contains whitespace: LLaMA-Factory's launcher splits its command line on spaces; choose a path without any`,
    );
  }
  return file;
}
