import type { AeroConfig } from '@aero/config';
import type { RunEvent } from '@aero/contracts';
import { describeEvent, type RoundTally } from '../domain/describe-event';

const PLAIN_STATUS_EVERY_MS = 15_000;

/**
 * Prints a run's events for a person: lines that stay, and one status line (progress bars) that is
 * redrawn in place on a terminal, or printed now and then when the output is a file or a pipe.
 */
export class ProgressPrinter {
  private readonly tally: RoundTally = { mastery: 0, zpd: 0, chaos: 0, converged: 0, diverged: 0 };
  private statusShown = false;
  private lastPlainStatus = 0;

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly runId: string,
    private readonly aero: AeroConfig['aero'],
  ) {}

  handle(event: RunEvent): void {
    const { line, status } = describeEvent(event, this.runId, this.aero, this.tally);
    if (line !== undefined) this.print(line);
    if (status !== undefined) this.showStatus(status);
  }

  /** Ends the status line, if one is showing. */
  finish(): void {
    if (this.statusShown && this.out.isTTY) this.out.write('\n');
    this.statusShown = false;
  }

  print(line: string): void {
    this.finish();
    this.out.write(`${line}\n`);
  }

  private showStatus(status: string): void {
    if (this.out.isTTY) {
      this.out.write(`\r\x1b[2K${status}`);
      this.statusShown = true;
      return;
    }
    const now = Date.now();
    if (now - this.lastPlainStatus < PLAIN_STATUS_EVERY_MS) return;
    this.lastPlainStatus = now;
    this.out.write(`${status}\n`);
  }
}
