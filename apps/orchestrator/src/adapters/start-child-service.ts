import * as readline from 'node:readline';
import { startProcessGroup, tsxRequireHook, type GroupExit } from '@aero/process';

const START_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 20_000;

export interface ChildServiceOptions {
  /** For messages: "synth", "orchestrator". */
  name: string;
  /** The service's main.ts. */
  entry: string;
  args: string[];
  /** Port it listens on; 0 (default): one it picks and announces. */
  port?: number;
  /** Added to this process's environment. */
  env: Record<string, string>;
  /** Receives the service's stderr (its JSON logs). */
  onStderr: (chunk: Buffer) => void;
}

/** A service process this process started, listening on a port it picked. */
export interface ChildService {
  name: string;
  port: number;
  pid: number;
  /** Settles when it exits, however it ends (never rejects). */
  exited: Promise<GroupExit>;
  /** SIGTERM to its process group, a grace period, then SIGKILL; resolves once it is gone. */
  stop(): Promise<void>;
}

/**
 * Starts `entry --port PORT ...` as a process group of its own (startProcessGroup): a signal to this
 * process's group (a terminal's Ctrl-C, a kill of the group) does not reach it, so it is stopped in
 * order by this process, and once this process is gone, however it died, the service stops what it
 * started and exits (runService watches its parent). Waits for its {"event":"listening","port":N}
 * line, and fails fast with the tail of its log if it exits first.
 */
export async function startChildService(options: ChildServiceOptions): Promise<ChildService> {
  const group = await startProcessGroup(
    { file: process.execPath, args: ['--require', tsxRequireHook(), options.entry, '--port', String(options.port ?? 0), ...options.args], env: options.env },
    { stdout: 'pipe', stderr: 'pipe' },
  );
  const { stdout, pid } = group;
  if (!stdout || pid === undefined) throw new Error(`${options.name} could not be started (${(await group.exited).spawnError})`);
  let tail = '';
  group.stderr?.on('data', (chunk: Buffer) => {
    options.onStderr(chunk);
    tail = (tail + chunk.toString()).slice(-4000);
  });
  const stop = () => group.stop(STOP_GRACE_MS);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${options.name} did not listen within ${START_TIMEOUT_MS / 1000} s:\n${tail}`)), START_TIMEOUT_MS);
      readline.createInterface({ input: stdout }).on('line', (line) => {
        const port = listeningPort(line);
        if (port === undefined) return;
        clearTimeout(timer);
        resolve(port);
      });
      void group.exited.then((exit) => {
        clearTimeout(timer);
        reject(new Error(`${options.name} exited (code ${exit.exitCode}, signal ${exit.signal}) before listening:\n${tail}`));
      });
    });
    return { name: options.name, port, pid, exited: group.exited, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function listeningPort(line: string): number | undefined {
  try {
    const event = JSON.parse(line) as { event?: unknown; port?: unknown };
    return event.event === 'listening' && typeof event.port === 'number' ? event.port : undefined;
  } catch {
    return undefined;
  }
}
