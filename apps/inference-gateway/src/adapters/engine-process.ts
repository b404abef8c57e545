import { appendFileSync, closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { writingFile } from '@aero/files';
import { startProcessGroup, type GroupExit, type ProcessGroup } from '@aero/process';
import type { LaunchPlan } from '../domain/launch-plan';

const TAIL_BYTES = 8 * 1024;
const TAIL_LINES = 25;

/**
 * One engine process, the leader of a process group of its own (so vLLM's workers go with it, and
 * it does not outlive the gateway: see startProcessGroup), its output appended to the instance's log file.
 */
export class EngineProcess {
  private constructor(
    private readonly group: ProcessGroup,
    readonly logFile: string,
  ) {}

  /**
   * Starts the engine; throws a FileWriteError ("disk full: <log file>") when its log cannot be
   * written, for the caller to report as its failure to start: an engine nobody can read about is
   * not started.
   */
  static async spawn(plan: LaunchPlan, logFile: string): Promise<EngineProcess> {
    writingFile(logFile, () => {
      mkdirSync(path.dirname(logFile), { recursive: true });
      appendFileSync(logFile, `--- ${new Date().toISOString()} starting: ${plan.command} ${plan.args.join(' ')}\n`);
    });
    const group = await startProcessGroup(
      // The engine's key is the plan's or none: one the gateway inherited would lock it out of its own engines.
      { file: plan.command, args: plan.args, env: { VLLM_API_KEY: '', ...plan.env } },
      { stdout: ['pipe', { file: logFile, append: true }], stderr: { file: logFile, append: true } },
    );
    return new EngineProcess(group, logFile);
  }

  get pid(): number {
    return this.group.pid ?? 0;
  }

  /** Resolves once the process is gone, whatever the reason. */
  get exited(): Promise<GroupExit> {
    return this.group.exited;
  }

  /** The port announced by the engine's first `{"event":"listening","port":N}` stdout line. */
  listeningPort(): Promise<number> {
    const stdout = this.group.stdout;
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
  stop(graceMs: number): Promise<void> {
    return this.group.stop(graceMs);
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
