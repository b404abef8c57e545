import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { storeWriteFailure } from './store-write-failure';

interface Holder {
  pid: number;
  host: string;
}

/**
 * One orchestrator writes a run store at a time. Two would append to the same journals, and the
 * restart recovery of the second would mark the first one's running run as interrupted (a user who
 * types `aero resume` in a second terminal while `aero run` works would do exactly that). The lock
 * is a file naming its holder, created exclusively, and taken only when the orchestrator first
 * writes (an orchestrator that only answers GetRun holds nothing). A holder that died without
 * releasing it (SIGKILL) is detected by its pid and replaced; a holder on another host cannot be
 * checked and counts as alive (its message says which file to delete if it is gone).
 */
export class StoreLock {
  private held = false;
  readonly file: string;

  constructor(runsDir: string) {
    this.file = path.join(runsDir, 'orchestrator.lock');
  }

  /** Takes the lock (again) for this process; returns the live holder that prevents it, if any. */
  take(): string | undefined {
    if (this.held) return undefined;
    const me: Holder = { pid: process.pid, host: os.hostname() };
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
    } catch (error) {
      throw storeWriteFailure(error, this.file);
    }
    for (;;) {
      try {
        fs.writeFileSync(this.file, JSON.stringify(me) + '\n', { flag: 'wx' });
        this.held = true;
        return undefined;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw storeWriteFailure(error, this.file);
      }
      const holder = readHolder(this.file);
      if (holder && alive(holder)) return `pid ${holder.pid} on ${holder.host}; if it is gone, delete ${this.file}`;
      fs.rmSync(this.file, { force: true });
    }
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    const holder = readHolder(this.file);
    if (holder?.pid === process.pid && holder.host === os.hostname()) fs.rmSync(this.file, { force: true });
  }
}

function readHolder(file: string): Holder | undefined {
  try {
    const holder = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof holder.pid === 'number' && typeof holder.host === 'string' ? { pid: holder.pid, host: holder.host } : undefined;
  } catch {
    return undefined;
  }
}

function alive(holder: Holder): boolean {
  if (holder.host !== os.hostname()) return true;
  // Our own pid in a lock we do not hold is a previous process's (pids repeat across container restarts).
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
