import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * An append-only JSON Lines file. Each record is one write of one complete line followed by fsync, so
 * a record is either wholly on disk or, if the process died inside the write, a torn last line
 * without its newline. Reading ignores such a tail, and the first append after a restart cuts it
 * off, so a half-written record never counts and never corrupts the next one.
 */
export class JsonlLog {
  private fd: number | undefined;

  constructor(readonly file: string) {}

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

  append(record: unknown): void {
    const fd = this.open();
    fs.writeSync(fd, JSON.stringify(record) + '\n');
    fs.fsyncSync(fd);
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private open(): number {
    if (this.fd !== undefined) return this.fd;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    if (fs.existsSync(this.file)) {
      const text = fs.readFileSync(this.file, 'utf8');
      const keep = Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1));
      if (keep !== fs.statSync(this.file).size) fs.truncateSync(this.file, keep);
    }
    this.fd = fs.openSync(this.file, 'a');
    return this.fd;
  }
}
