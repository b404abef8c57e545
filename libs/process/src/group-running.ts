import * as fs from 'node:fs';
import { processStat } from './process-stat';

/**
 * True while a member of the group `pgid` still runs. Zombies do not count: under an init that reaps
 * nothing (some containers and VMs), members that outlived their parent stay zombies for good, and
 * keep the group id taken (so signalProcessGroup still reaches the group) without running anything.
 */
export function groupRunning(pgid: number): boolean {
  return fs.readdirSync('/proc').some((entry) => {
    if (!/^\d+$/.test(entry)) return false;
    const stat = processStat(Number(entry));
    return stat !== undefined && stat.pgid === pgid && stat.state !== 'Z';
  });
}
