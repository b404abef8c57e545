import type { AeroConfig } from '@aero/config';
import type { RunEvent } from '@aero/contracts';
import { describeEvent, type RoundTally } from '../domain/describe-event';

const PLAIN_STATUS_EVERY_MS = 15_000;

/**
 * Prints a run's events for a person: lines that stay, and one status line (progress bars). On a
 * terminal the status line is redrawn in place below the lines, and a step's last status stays on
 * screen when the step ends. To a file or a pipe the status is printed now and then, and a step's
 * last status always.
 */
export class ProgressPrinter {
  private readonly tally: RoundTally = { mastery: 0, zpd: 0, chaos: 0, converged: 0, diverged: 0, unconfirmed: 0 };
  /** The status line on screen (terminal) or not yet printed (pipe). */
  private status?: string;
  private lastPlainStatus = 0;

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly runId: string,
    private readonly aero: AeroConfig['aero'],
    private readonly now: () => number = Date.now,
  ) {}

  handle(event: RunEvent): void {
    const { line, status } = describeEvent(event, this.runId, this.aero, this.tally);
    // A line without a status ends the step whose status is showing (see EventLine).
    if (status === undefined) this.finish();
    if (line !== undefined) this.print(line);
    if (status !== undefined) this.showStatus(status);
  }

  /** Leaves the current status where it is (printing it, on a pipe, if it was held back). */
  finish(): void {
    if (this.status === undefined) return;
    this.out.write(this.out.isTTY ? '\n' : `${this.status}\n`);
    this.status = undefined;
  }

  /** A line that stays; on a terminal it goes above the status line, which is drawn again below it. */
  print(line: string): void {
    if (this.out.isTTY && this.status !== undefined) {
      this.out.write(`\r\x1b[2K${line}\n${this.status}`);
      return;
    }
    this.out.write(`${line}\n`);
  }

  private showStatus(status: string): void {
    if (this.out.isTTY) {
      this.out.write(`\r\x1b[2K${status}`);
      this.status = status;
      return;
    }
    if (this.now() - this.lastPlainStatus < PLAIN_STATUS_EVERY_MS) {
      this.status = status;
      return;
    }
    this.lastPlainStatus = this.now();
    this.out.write(`${status}\n`);
    this.status = undefined;
  }
}
