import * as fs from 'node:fs';
import { finished } from 'node:stream/promises';
import { FileWriteError } from '@aero/files';

const RECENT_BYTES = 64 * 1024;

/**
 * A job's log file (stdout and stderr of every command, appended), with its most recent output kept
 * in memory too, so a failure can quote the tail without waiting for the file to be flushed. A
 * failed write (a full disk) goes to `onError`, and the output is then kept in memory only.
 */
export class JobLog {
  private readonly stream: fs.WriteStream;
  private recentText = '';

  constructor(
    readonly file: string,
    onError: (error: FileWriteError) => void,
  ) {
    this.stream = fs.createWriteStream(file, { flags: 'a' });
    this.stream.on('error', (error) => onError(new FileWriteError(file, error)));
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
    // A stream that failed has already told onError why.
    await finished(this.stream).catch(() => undefined);
  }
}
