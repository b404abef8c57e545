import * as path from 'node:path';
import * as readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { ResultPromise } from 'execa';

const GUARD = path.resolve(__dirname, '../service-guard.ts');
const START_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 20_000;

// execa is ESM-only: under `node --import tsx` this CommonJS module can load it only with import().
const loadExeca = () => import('execa');

export interface GuardedServiceOptions {
  /** For messages: "synth", "orchestrator". */
  name: string;
  /** The service's main.ts. */
  entry: string;
  args: string[];
  /** Added to this process's environment. */
  env: Record<string, string>;
  /** Receives the service's stderr (its JSON logs). */
  onStderr: (chunk: Buffer) => void;
  /** Own process group, so a terminal's Ctrl-C reaches only the caller, which then stops it in order. */
  detached?: boolean;
}

/** A service process started behind service-guard.ts, listening on a port it picked. */
export interface GuardedService {
  name: string;
  port: number;
  /** The guard's process id. */
  pid: number;
  /** SIGTERM (the guard passes it on), a grace period, then SIGKILL; resolves once it is gone. */
  stop(): Promise<void>;
}

/**
 * Starts `entry --port 0 ...` behind a guard that stops it when this process dies (even by SIGKILL),
 * waits for its {"event":"listening","port":N} line, and fails fast with the tail of its log if it
 * exits first.
 */
export async function startGuardedService(options: GuardedServiceOptions): Promise<GuardedService> {
  const { execa } = await loadExeca();
  const child = execa(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, GUARD, options.entry, '--port', '0', ...options.args], {
    env: options.env,
    extendEnv: true,
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
    detached: options.detached ?? false,
    cleanup: !options.detached,
    reject: false,
    buffer: false,
  });
  const { stdout, pid } = child;
  if (!stdout || pid === undefined) throw new Error(`${options.name} could not be started`);
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    options.onStderr(chunk);
    tail = (tail + chunk.toString()).slice(-4000);
  });
  const stop = () => stopChild(child);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${options.name} did not listen within ${START_TIMEOUT_MS / 1000} s:\n${tail}`)), START_TIMEOUT_MS);
      readline.createInterface({ input: stdout }).on('line', (line) => {
        const port = listeningPort(line);
        if (port === undefined) return;
        clearTimeout(timer);
        resolve(port);
      });
      void child.then((result) => {
        clearTimeout(timer);
        reject(new Error(`${options.name} exited (code ${result.exitCode}, signal ${result.signal}) before listening:\n${tail}`));
      });
    });
    return { name: options.name, port, pid, stop };
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

async function stopChild(child: ResultPromise): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.stdin?.end();
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await child;
  clearTimeout(timer);
}
