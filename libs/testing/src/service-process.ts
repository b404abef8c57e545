import * as path from 'node:path';
import * as readline from 'node:readline';
import type { ResultPromise } from 'execa';

export const repoRoot = path.resolve(__dirname, '../../..');

export interface ServiceProcess {
  /** "127.0.0.1:<port>" */
  address: string;
  port: number;
  pid: number;
  process: ResultPromise;
  /** Everything the process wrote on stderr so far (its JSON logs). */
  stderr(): string;
  /** SIGTERM, a grace period, then SIGKILL; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `node --import tsx <entry> ...args` as a real child process, waits for its
 * `{"event":"listening","port":N}` line on stdout and fails fast if it exits first.
 */
export async function startServiceProcess(
  entry: string,
  args: string[] = [],
  /** nodeArgs: more options for node, after tsx's loader (e.g. another --import, which may be TypeScript). */
  options: { env?: Record<string, string>; timeoutMs?: number; cwd?: string; nodeArgs?: string[] } = {},
): Promise<ServiceProcess> {
  // execa is ESM-only: a dynamic import keeps this usable from CommonJS scripts run by tsx (benchmarks).
  const { execa } = await import('execa');
  const child = execa(process.execPath, ['--import', 'tsx', ...(options.nodeArgs ?? []), path.resolve(repoRoot, entry), ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...options.env },
    extendEnv: true,
    reject: false,
    stdin: 'ignore',
    buffer: false,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = readline.createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not listen in time; stderr:\n${stderr}`)), options.timeoutMs ?? 30_000);
    lines.on('line', (line) => {
      try {
        const event = JSON.parse(line) as { event?: string; port?: number };
        if (event.event === 'listening' && typeof event.port === 'number') {
          clearTimeout(timer);
          resolve(event.port);
        }
      } catch {
        // not a JSON line: ignore
      }
    });
    void child.then((result) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (code ${result.exitCode}, signal ${result.signal}) before listening; stderr:\n${stderr}`));
    });
  });
  const stop = async (graceMs = 5000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await child;
    clearTimeout(timer);
  };
  return { address: `127.0.0.1:${port}`, port, pid: child.pid!, process: child, stderr: () => stderr, stop };
}
