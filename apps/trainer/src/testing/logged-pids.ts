import * as fs from 'node:fs';

/** The pids a job's log names for its processes (`$ [pid N] ...`), in order. */
export function jobLogPids(logPath: string): number[] {
  return [...fs.readFileSync(logPath, 'utf8').matchAll(/^\$ \[pid (\d+)\]/gm)].map((m) => Number(m[1]));
}

/** The pids of the standby train processes a trainer's log (its stderr) reported ready, in order. */
export function standbyPids(serviceLog: string): number[] {
  return serviceLog
    .split('\n')
    .filter((line) => line.includes('"standby train process ready"'))
    .map((line) => (JSON.parse(line) as { pid: number }).pid);
}
