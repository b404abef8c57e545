import * as fs from 'node:fs';
import type { TrainProgress } from '@aero/contracts';
import { parseTrainerLogLine } from '../domain/parse-trainer-log-line';

const NEWLINE = 0x0a;

/**
 * Follows a trainer_log.jsonl as the trainer appends to it, by polling (the file may not exist yet,
 * and fs.watch is unreliable on network file systems). Only complete lines are parsed; a file that
 * shrinks was recreated and is read again from the start.
 */
export class TrainerLogFollower {
  private offset = 0;
  private pending = Buffer.alloc(0);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly file: string,
    private readonly onProgress: (progress: TrainProgress) => void,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => this.poll(), intervalMs);
  }

  /** Stops polling after reading what the file holds now. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.poll();
  }

  poll(): void {
    const size = fs.statSync(this.file, { throwIfNoEntry: false })?.size;
    if (size === undefined) return;
    if (size < this.offset) {
      this.offset = 0;
      this.pending = Buffer.alloc(0);
    }
    if (size === this.offset) return;
    const chunk = Buffer.alloc(size - this.offset);
    const fd = fs.openSync(this.file, 'r');
    try {
      this.offset += fs.readSync(fd, chunk, 0, chunk.length, this.offset);
    } finally {
      fs.closeSync(fd);
    }
    let data = Buffer.concat([this.pending, chunk]);
    for (let nl = data.indexOf(NEWLINE); nl >= 0; nl = data.indexOf(NEWLINE)) {
      const progress = parseTrainerLogLine(data.subarray(0, nl).toString('utf8'));
      if (progress) this.onProgress(progress);
      data = data.subarray(nl + 1);
    }
    this.pending = data;
  }
}
