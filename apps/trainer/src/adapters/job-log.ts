import * as fs from 'node:fs';
import { once } from 'node:events';

const RECENT_BYTES = 64 * 1024;

/**
 * A job's log file (stdout and stderr of every command, appended), with its most recent output kept
 * in memory too, so a failure can quote the tail without waiting for the file to be flushed.
 */
export class JobLog {
  private readonly stream: fs.WriteStream;
  private recentText = '';

  constructor(readonly file: string) {
    this.stream = fs.createWriteStream(file, { flags: 'a' });
  }

  write(chunk: Buffer | string): void {
    this.stream.write(chunk);
    this.recentText = (this.recentText + chunk.toString()).slice(-RECENT_BYTES);
  }

  recent(): string {
    return this.recentText;
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'close');
  }
}
