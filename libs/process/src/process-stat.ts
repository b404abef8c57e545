import * as fs from 'node:fs';

export interface ProcessStat {
  /** One letter, as ps shows it: "R" running, "S" sleeping, "Z" zombie (exited, not yet reaped)... */
  state: string;
  ppid: number;
  pgid: number;
}

/** What /proc says of `pid` (Linux); undefined when there is no such process. */
export function processStat(pid: number): ProcessStat | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // "PID (COMM) STATE PPID PGID ...": the command name may hold spaces and parentheses, so read past the last ")".
  const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state, ppid: Number(ppid), pgid: Number(pgid) };
}
