/**
 * Sends `signal` (0 only probes) to every process of the group `pgid`, and says whether the group
 * still holds a process of ours: true when the signal reached at least one member.
 *
 * ESRCH: no process is left in the group. It is gone, which is what a stop wants: false, no error.
 * EPERM: processes with that group id exist, but not one of them may be signalled by us, so none is
 * ours: the group we started is gone and its id now belongs to another user's processes (or each of
 * its survivors changed its credentials, which we could not stop anyway). Also false: counting them
 * as ours would make a stop wait on processes it cannot affect, and an error would turn a finished
 * stop into a failure. Any other error (an unknown signal) is a bug and is thrown.
 */
export function signalProcessGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  // kill(-0) signals our own group and kill(-1) every process we may signal: never a group we started.
  if (!Number.isInteger(pgid) || pgid <= 1) throw new Error(`not the id of a process group we started: ${pgid}`);
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH' || code === 'EPERM') return false;
    throw error;
  }
}
