import * as path from 'node:path';
import { execa } from 'execa';
import { stopProcessGroup } from '@aero/process';
import { isRunning, pidsPrintedBy, until } from '@aero/process/testing';
import { repoRoot } from '@aero/testing';
import { MAIN } from './testing/start-serve';
import { writeTinyCheckpoint } from './testing/write-tiny-checkpoint';

const LIFELINE_PARENT = path.join(repoRoot, 'libs/process/src/testing/lifeline-parent.ts');

describe('the engine CLI started by a service', () => {
  it('serve exits once the process that started it is SIGKILLed with its whole process group', async () => {
    // The parent (a stand-in for the gateway) leads a group of its own: killing that group must not reach this test.
    const parent = execa(process.execPath, ['--import', 'tsx', LIFELINE_PARENT, 'wait', MAIN, 'serve', writeTinyCheckpoint(5), '--port', '0'], {
      detached: true,
      stdin: 'ignore',
      reject: false,
      buffer: false,
    });
    // serve's listening line names its process id.
    const { pid } = await pidsPrintedBy(parent.stdout!);
    try {
      process.kill(-parent.pid!, 'SIGKILL');
      expect(await until(() => !isRunning(pid), 10_000)).toBe(true);
    } finally {
      await stopProcessGroup(pid, 1_000);
      await parent;
    }
  }, 60_000);
});
