import { appendFileSync, closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { ResultPromise } from 'execa';
import type { LaunchPlan } from '../domain/launch-plan';

/** How an engine process ended; `message` says why when it could not even start (e.g. ENOENT). */
export interface ExitInfo {
  code?: number;
  signal?: string;
  message?: string;
}

// execa is ESM-only: under `node --import tsx` this CommonJS module can load it only with import().
const loadExeca = () => import('execa');

const TAIL_BYTES = 8 * 1024;
const TAIL_LINES = 25;
const GROUP_POLL_MS = 50;
const SETTLE_MS = 2_000;

/**
 * One engine child process in its own process group (so vLLM's workers go with it), its output
 * appended to the instance's log file. Stops exactly that group: SIGTERM, then SIGKILL after a grace.
 */
export class EngineProcess {
  /** The whole group is known to be gone; its id may belong to someone else from now on. */
  private released = false;

  private constructor(
    private readonly child: ResultPromise,
    readonly pid: number,
    readonly logFile: string,
    /** Resolves once the process is gone, whatever the reason. */
    readonly exited: Promise<ExitInfo>,
  ) {}

  static async spawn(plan: LaunchPlan, logFile: string): Promise<EngineProcess> {
    const { execa } = await loadExeca();
    mkdirSync(path.dirname(logFile), { recursive: true });
    appendFileSync(logFile, `--- ${new Date().toISOString()} starting: ${plan.command} ${plan.args.join(' ')}\n`);
    const child = execa(plan.command, plan.args, {
      // The engine's key is the plan's or none: one the gateway inherited would lock it out of its own engines.
      env: { VLLM_API_KEY: '', ...plan.env },
      extendEnv: true,
      detached: true,
      cleanup: false,
      stdin: 'ignore',
      stdout: ['pipe', { file: logFile, append: true }],
      stderr: { file: logFile, append: true },
      reject: false,
      buffer: false,
    });
    const exited = child.then((result) => ({
      code: result.exitCode,
      signal: result.signal,
      message: result.failed && result.exitCode === undefined && !result.signal ? result.shortMessage : undefined,
    }));
    return new EngineProcess(child, child.pid ?? 0, logFile, exited);
  }

  /** The port announced by the engine's first `{"event":"listening","port":N}` stdout line. */
  listeningPort(): Promise<number> {
    const stdout = this.child.stdout;
    if (!stdout) return Promise.reject(new Error('the engine process has no stdout'));
    return new Promise<number>((resolve, reject) => {
      const lines = readline.createInterface({ input: stdout });
      lines.on('line', (line) => {
        const port = listeningPortOf(line);
        if (port !== undefined) resolve(port);
      });
      void this.exited.then(() => reject(new Error('the engine exited before it announced its port')));
    });
  }

  /** SIGTERM to the group, SIGKILL to whatever of it is left after graceMs; resolves when all is gone. */
  async stop(graceMs: number): Promise<void> {
    if (this.pid === 0 || this.released) return;
    signalGroup(this.pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (groupAlive(this.pid) && Date.now() < deadline) await sleep(GROUP_POLL_MS);
    if (groupAlive(this.pid)) signalGroup(this.pid, 'SIGKILL');
    await this.exited;
    // SIGKILLed members are gone within moments; a member that stays (a zombie nobody reaps) keeps the id taken.
    const settled = Date.now() + SETTLE_MS;
    while (groupAlive(this.pid) && Date.now() < settled) await sleep(GROUP_POLL_MS);
    this.released = !groupAlive(this.pid);
  }

  /** Synchronous SIGKILL of the group, for the gateway's own exit path. */
  killNow(): void {
    if (this.pid !== 0 && !this.released) signalGroup(this.pid, 'SIGKILL');
  }

  /** The last lines of the instance's log, for the gateway's own log (never for callers). */
  logTail(): string {
    return readTail(this.logFile);
  }
}

function listeningPortOf(line: string): number | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const event = JSON.parse(line) as { event?: unknown; port?: unknown };
    return event.event === 'listening' && typeof event.port === 'number' ? event.port : undefined;
  } catch {
    return undefined;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function readTail(file: string): string {
  try {
    const size = statSync(file).size;
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    const fd = openSync(file, 'r');
    try {
      readSync(fd, buffer, 0, length, size - length);
    } finally {
      closeSync(fd);
    }
    return buffer.toString('utf8').split('\n').slice(-TAIL_LINES).join('\n').trim();
  } catch {
    return '(no log)';
  }
}
