import * as fs from 'node:fs';
import type { TrainProgress } from '@aero/contracts';
import { ktoLogOfTrainerState } from '../domain/kto-log-of-trainer-state';
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
  /** Every step reported, in order: complete() sends them again with what only trainer_state.json holds. */
  private readonly logged: TrainProgress[] = [];

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
      this.logged.length = 0;
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
      if (progress) {
        this.logged.push(progress);
        this.onProgress(progress);
      }
      data = data.subarray(nl + 1);
    }
    this.pending = data;
  }

  /**
   * Once training has ended: when the trainer's final trainer_state.json (`stateFile`, HF Trainer's,
   * which LLaMA-Factory writes) holds KTO's KL and rewards that the steps reported lack, reports every
   * step again, from the first, with them (and the loss or learning rate a step line lacked). The
   * embedded engine logs them in trainer_log.jsonl and writes no such file: nothing is sent again.
   */
  complete(stateFile: string): void {
    let text: string;
    try {
      text = fs.readFileSync(stateFile, 'utf8');
    } catch {
      return;
    }
    const log = ktoLogOfTrainerState(text);
    const completed = this.logged.map((p) => {
      const e = log.get(p.current_steps) ?? {};
      return {
        ...p,
        loss: p.loss || (e.loss ?? 0),
        lr: p.lr || (e.lr ?? 0),
        kl: p.kl ?? e.kl,
        rewards_chosen: p.rewards_chosen ?? e.rewards_chosen,
        rewards_rejected: p.rewards_rejected ?? e.rewards_rejected,
      };
    });
    if (!completed.some((p, i) => p.kl !== this.logged[i].kl || p.rewards_chosen !== this.logged[i].rewards_chosen || p.rewards_rejected !== this.logged[i].rewards_rejected)) return;
    this.logged.splice(0, this.logged.length, ...completed);
    for (const progress of completed) this.onProgress(progress);
  }
}
