import { processStat } from './process-stat';

/** True while `pid` is a live process (a zombie waiting to be reaped does not count). */
export function isRunning(pid: number): boolean {
  const stat = processStat(pid);
  return stat !== undefined && stat.state !== 'Z';
}
