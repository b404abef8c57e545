import { setTimeout as sleep } from 'node:timers/promises';

export interface GroupExit {
  exitCode?: number;
  signal?: string;
  /** Set when the process could not be started at all, e.g. "ENOENT". */
  spawnError?: string;
}

export interface ProcessGroup {
  pid: number | undefined;
  /** Settles when the leader exits (never rejects). */
  exited: Promise<GroupExit>;
  /** SIGTERM to the whole group, SIGKILL to whatever is left after `graceMs`; resolves once none is left. */
  stop(graceMs: number): Promise<void>;
}

// execa is ESM-only: under `node --import tsx` this CommonJS module can load it only with import().
const loadExeca = () => import('execa');

const POLL_MS = 50;
const REAP_MS = 5000;

/**
 * Starts a command as the leader of a new process group (never through a shell), its stdout and
 * stderr handed to `onOutput` as they come. Training launchers fork (torchrun, the engine's workers), so the job is
 * stopped by group: exactly the processes this command started, and all of them.
 */
export async function startProcessGroup(
  command: { file: string; args: string[]; env: Record<string, string | undefined> },
  options: { cwd: string; onOutput: (chunk: Buffer) => void },
): Promise<ProcessGroup> {
  const { execa } = await loadExeca();
  const child = execa(command.file, command.args, {
    cwd: options.cwd,
    env: command.env,
    extendEnv: true,
    detached: true,
    cleanup: false,
    stdin: 'ignore',
    buffer: false,
    reject: false,
  });
  child.stdout?.on('data', options.onOutput);
  child.stderr?.on('data', options.onOutput);
  const pid = child.pid;
  const exited = child.then((result) => ({
    exitCode: result.exitCode,
    signal: result.signal,
    spawnError: result.exitCode === undefined && !result.signal ? String(result.code ?? 'spawn failed') : undefined,
  }));

  const alive = () => pid !== undefined && groupAlive(pid);
  const stop = async (graceMs: number) => {
    if (!alive()) return;
    signalGroup(pid!, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (alive() && Date.now() < deadline) await sleep(POLL_MS);
    if (alive()) signalGroup(pid!, 'SIGKILL');
    // SIGKILL cannot be ignored; only members not yet reaped (zombies) can still answer the probe.
    const reaped = Date.now() + REAP_MS;
    while (alive() && Date.now() < reaped) await sleep(POLL_MS);
    await exited;
  };
  return { pid, exited, stop };
}

/** True while any process of the group exists (signal 0 probes without delivering anything). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
