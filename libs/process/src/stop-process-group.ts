import { setTimeout as sleep } from 'node:timers/promises';
import { groupRunning } from './group-running';
import { signalProcessGroup } from './signal-process-group';

const POLL_MS = 50;
/** Reading all of /proc costs tens of milliseconds on a busy host: at most this often. */
const SCAN_MS = 500;
/** Time SIGKILLed members get to disappear. */
const REAP_MS = 5_000;

/**
 * Stops the process group `pgid`: SIGTERM to every member, SIGKILL to whatever is left after
 * `graceMs`, then waits until nothing of it runs. Resolves true once the group is gone (see
 * signalProcessGroup) or holds only zombies (see groupRunning), false when a member still runs
 * REAP_MS after the SIGKILL (stuck in the kernel: nothing more a signal can do).
 */
export async function stopProcessGroup(pgid: number, graceMs: number): Promise<boolean> {
  if (!signalProcessGroup(pgid, 'SIGTERM')) return true;
  if (await stoppedWithin(pgid, graceMs)) return true;
  signalProcessGroup(pgid, 'SIGKILL');
  return stoppedWithin(pgid, REAP_MS);
}

async function stoppedWithin(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  let scanned = 0;
  while (signalProcessGroup(pgid, 0)) {
    if (Date.now() - scanned >= SCAN_MS) {
      scanned = Date.now();
      if (!groupRunning(pgid)) return true;
    }
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}
