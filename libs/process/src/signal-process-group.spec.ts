import * as path from 'node:path';
import { execa } from 'execa';
import { signalProcessGroup } from './signal-process-group';
import { stopProcessGroup } from './stop-process-group';
import { isRunning } from './is-running';

/** A process group of the test's own: one node process that runs until killed. */
const startGroup = () => execa(process.execPath, ['-e', 'setInterval(() => {}, 60000)'], { detached: true, stdio: 'ignore', reject: false });

describe('signalProcessGroup', () => {
  it('refuses an id that would reach processes we did not start (0 is our own group, 1 every process)', () => {
    for (const id of [0, 1, -7, 2.5, Number.NaN]) expect(() => signalProcessGroup(id, 0)).toThrow('not the id of a process group we started');
  });

  it('says whether the signal reached the group, and a group that is gone (ESRCH) is no error', async () => {
    const group = startGroup();
    expect(signalProcessGroup(group.pid!, 0)).toBe(true);
    expect(signalProcessGroup(group.pid!, 'SIGKILL')).toBe(true);
    expect((await group).signal).toBe('SIGKILL');
    expect(signalProcessGroup(group.pid!, 0)).toBe(false);
    expect(signalProcessGroup(group.pid!, 'SIGTERM')).toBe(false);
  });

  // Only root can start the checking process as another user; the group is root's, so EPERM.
  const asRoot = process.getuid?.() === 0 ? it : it.skip;
  asRoot('counts a group none of whose members it may signal (EPERM) as gone, and signals nothing', async () => {
    const group = startGroup();
    try {
      const module = path.join(__dirname, 'signal-process-group.ts');
      const check = `const { signalProcessGroup } = require(${JSON.stringify(module)}); console.log(String(signalProcessGroup(${group.pid}, 0)) + ' ' + String(signalProcessGroup(${group.pid}, 'SIGTERM')));`;
      const other = await execa(process.execPath, ['--import', 'tsx', '-e', check], { uid: 65534, gid: 65534, cwd: path.resolve(__dirname, '../../..'), reject: false });
      expect([other.stdout, other.stderr]).toEqual(['false false', '']);
      expect(isRunning(group.pid!)).toBe(true);
    } finally {
      await stopProcessGroup(group.pid!, 1_000);
    }
  });
});
