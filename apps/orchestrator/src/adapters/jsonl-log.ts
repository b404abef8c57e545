import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileSystem } from '@aero/files';
import { storeWriteFailure } from './store-write-failure';

/**
 * An append-only JSON Lines file. Each record is written whole, as one line followed by fsync, so a
 * record is either wholly on disk or, if the process died or the disk filled inside the write, a torn
 * last line without its newline. Reading ignores such a tail, and the first append after a restart
 * or a failed append cuts it off, so a half-written record never counts and never corrupts the next one.
 */
export class JsonlLog {
  private fd: number | undefined;

  constructor(
    readonly file: string,
    private readonly files: FileSystem = fs,
  ) {}

  /** The complete records, in order. */
  read(): unknown[] {
    if (!fs.existsSync(this.file)) return [];
    const text = fs.readFileSync(this.file, 'utf8');
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    return complete
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line, i) => {
        try {
          return JSON.parse(line) as unknown;
        } catch {
          throw new Error(`${this.file}:${i + 1} is not a JSON record`);
        }
      });
  }

  /** Appends one record; a failed write throws the store's write failure (RESOURCE_EXHAUSTED "disk full: <file>"). */
  append(record: unknown): void {
    const line = Buffer.from(JSON.stringify(record) + '\n');
    try {
      const fd = this.open();
      // A write may take only part of the line (the disk filled up): the rest goes on from there.
      for (let written = 0; written < line.length; ) written += this.files.writeSync(fd, line, written);
      this.files.fsyncSync(fd);
    } catch (error) {
      this.close();
      throw storeWriteFailure(error, this.file);
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    try {
      this.files.closeSync(fd);
    } catch {
      // Every record was synced when it was appended, so a failing close loses nothing, and the descriptor is released either way.
    }
  }

  private open(): number {
    if (this.fd !== undefined) return this.fd;
    this.files.mkdirSync(path.dirname(this.file), { recursive: true });
    if (fs.existsSync(this.file)) {
      const text = fs.readFileSync(this.file, 'utf8');
      const keep = Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1));
      if (keep !== fs.statSync(this.file).size) this.files.truncateSync(this.file, keep);
    }
    this.fd = this.files.openSync(this.file, 'a');
    return this.fd;
  }
}
