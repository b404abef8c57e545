import * as net from 'node:net';
import { isRunning } from './is-running';
import { PARENT_PIPE } from './parent-pipe';

/**
 * Makes this process exit when the process that started it with startProcessGroup is gone, however
 * it died, SIGKILL of its whole process group included: the parent pipe reaches end-of-file. First
 * `onParentDeath` stops what this process started itself (its children's groups), since nobody else
 * is left to stop them. A process started any other way has no parent pipe: this does nothing.
 */
export function watchParent(onParentDeath: () => void | Promise<void> = () => undefined): void {
  const variable = process.env[PARENT_PIPE.env];
  if (variable === undefined) return;
  // Not handed down: each child of ours gets a pipe of its own.
  delete process.env[PARENT_PIPE.env];
  let orphaned = false;
  const onOrphaned = () => {
    if (orphaned) return;
    orphaned = true;
    Promise.resolve()
      .then(onParentDeath)
      .then(
        () => process.exit(),
        (error: unknown) => {
          process.stderr.write(`stopping after the parent process died failed: ${(error as Error).message}\n`);
          process.exit(1);
        },
      );
  };
  const parent = Number(variable);
  if (process.ppid !== parent) {
    // Not the process the pipe was made for: either a launcher in between (vLLM's stand-in) handed on
    // the environment but not the descriptor, and the launcher is its starter's to stop; or the parent
    // died before this process got here, and it was handed to another.
    if (!isRunning(parent)) onOrphaned();
    return;
  }
  const pipe = new net.Socket({ fd: PARENT_PIPE.fd, readable: true, writable: false });
  // The watch alone must not keep the process alive.
  pipe.unref();
  for (const event of ['end', 'close', 'error']) pipe.on(event, onOrphaned);
  pipe.resume();
}
