import type { Readable, Writable } from 'node:stream';
import type { Options } from 'execa';
import { PARENT_PIPE } from './parent-pipe';
import { signalProcessGroup } from './signal-process-group';
import { stopProcessGroup } from './stop-process-group';

export interface GroupCommand {
  file: string;
  args: readonly string[];
  /** Added to this process's environment. */
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
}

/** Where the leader's output goes (execa targets: 'pipe', a file, both); default: nowhere. */
export interface GroupOutput {
  stdout?: Options['stdout'];
  stderr?: Options['stderr'];
  /** 'pipe' gives the leader a stdin this process writes to (ProcessGroup.stdin); default: none. */
  stdin?: 'pipe';
}

export interface GroupExit {
  exitCode?: number;
  signal?: string;
  /** Set when the command could not be started at all, e.g. "ENOENT". */
  spawnError?: string;
}

export interface ProcessGroup {
  /** The leader's process id, which is also the group's id; undefined when it could not be started. */
  readonly pid: number | undefined;
  /** The leader's output, where GroupOutput asked for a pipe. */
  readonly stdout: Readable | undefined;
  readonly stderr: Readable | undefined;
  /** The leader's stdin, where GroupOutput asked for a pipe. */
  readonly stdin: Writable | undefined;
  /** Settles when the leader exits (never rejects). */
  readonly exited: Promise<GroupExit>;
  /** stopProcessGroup, then the leader's exit; once the group is known to be gone, only the latter. */
  stop(graceMs: number): Promise<void>;
}

// execa is ESM-only: this CommonJS module can load it only with import().
const loadExeca = () => import('execa');

/** Groups this process started and does not know to be gone, for the exit hook. */
const live = new Set<number>();
let exitHooked = false;

/**
 * Starts a command (never through a shell) as the leader of a new process group, so that it is
 * stopped with everything it starts (vLLM's workers, torchrun's ranks) and a terminal's Ctrl-C or a
 * kill of this process's group does not reach it unasked. A group outlives this process in no way
 * that we can help:
 * - the command gets the parent pipe (PARENT_PIPE): one of ours that calls watchParent exits, after
 *   stopping its own children, once this process is gone, however it died;
 * - when this process exits with groups still running (an uncaught error, an exit that skipped the
 *   stops), each gets SIGTERM on the way out, which also reaches commands that watch nothing (vLLM).
 */
export async function startProcessGroup(command: GroupCommand, output: GroupOutput = {}): Promise<ProcessGroup> {
  const { execa } = await loadExeca();
  const child = execa(command.file, command.args, {
    cwd: command.cwd,
    env: { ...command.env, [PARENT_PIPE.env]: String(process.pid) },
    extendEnv: true,
    detached: true,
    cleanup: false,
    // The fourth entry is file descriptor 3, PARENT_PIPE.fd: a pipe this process never writes to.
    stdio: [output.stdin ?? 'ignore', output.stdout ?? 'ignore', output.stderr ?? 'ignore', 'pipe'],
    reject: false,
    buffer: false,
  });
  const pid = child.pid;
  /** The group is known to be gone: its id may belong to someone else from now on. */
  let released = false;
  const release = () => {
    released = true;
    if (pid !== undefined) live.delete(pid);
  };
  if (pid !== undefined) {
    live.add(pid);
    if (!exitHooked) {
      process.on('exit', terminateLiveGroups);
      exitHooked = true;
    }
  }
  const exited = child.then((result): GroupExit => {
    if (pid !== undefined && !signalProcessGroup(pid, 0)) release();
    return {
      exitCode: result.exitCode,
      signal: result.signal,
      spawnError: result.exitCode === undefined && !result.signal ? String(result.code ?? 'spawn failed') : undefined,
    };
  });
  const stop = async (graceMs: number) => {
    if (pid !== undefined && !released && (await stopProcessGroup(pid, graceMs))) release();
    await exited;
  };
  // A leader that exits before reading its stdin must not turn a later write into an uncaught EPIPE.
  child.stdin?.on('error', () => undefined);
  return { pid, stdout: child.stdout ?? undefined, stderr: child.stderr ?? undefined, stdin: child.stdin ?? undefined, exited, stop };
}

/** SIGTERM, not SIGKILL: the only signal there is time for lets vLLM free its GPU memory and our services stop their own children. */
function terminateLiveGroups(): void {
  for (const pgid of live) signalProcessGroup(pgid, 'SIGTERM');
}
