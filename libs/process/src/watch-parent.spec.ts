import * as path from 'node:path';
import { execa } from 'execa';
import { startProcessGroup } from './start-process-group';
import { stopProcessGroup } from './stop-process-group';
import { isRunning } from './is-running';
import { pidsPrintedBy } from './testing/pids-printed-by';
import { until } from './testing/until';

const WATCH_PARENT = path.join(__dirname, 'watch-parent.ts');

describe('watchParent', () => {
  it('ends a child, and the process group it started, once its parent is SIGKILLed with its whole group', async () => {
    // The parent leads a group of its own: killing that group must not reach this test.
    const parent = execa(process.execPath, ['--import', 'tsx', path.join(__dirname, 'testing/lifeline-parent.ts'), 'wait', path.join(__dirname, 'testing/lifeline-child.ts')], {
      detached: true,
      stdin: 'ignore',
      reject: false,
      buffer: false,
    });
    const { child, grandchild } = await pidsPrintedBy(parent.stdout!);
    try {
      expect([isRunning(child), isRunning(grandchild)]).toEqual([true, true]);
      process.kill(-parent.pid!, 'SIGKILL');
      expect(await until(() => !isRunning(child) && !isRunning(grandchild), 10_000)).toBe(true);
    } finally {
      for (const pgid of [grandchild, child, parent.pid!]) await stopProcessGroup(pgid, 1_000);
      await parent;
    }
  }, 30_000);

  it('does not keep a child alive that is done while its parent lives', async () => {
    const group = await startProcessGroup({ file: process.execPath, args: ['--import', 'tsx', '-e', `require(${JSON.stringify(WATCH_PARENT)}).watchParent(); console.log('done')`] }, { stdout: 'pipe', stderr: 'pipe' });
    let output = '';
    group.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    expect(await group.exited).toEqual({ exitCode: 0, signal: undefined, spawnError: undefined });
    expect(output).toBe('done\n');
  }, 30_000);

  it('does nothing in a process started by a launcher in between that handed on the environment but not the pipe', async () => {
    const watcher = `require(${JSON.stringify(WATCH_PARENT)}).watchParent(); setTimeout(() => console.log('still here'), 300)`;
    const launcher = `require('node:child_process').spawn(process.execPath, ['--import', 'tsx', '-e', ${JSON.stringify(watcher)}], { stdio: ['ignore', 'inherit', 'inherit'] })`;
    const group = await startProcessGroup({ file: process.execPath, args: ['-e', launcher] }, { stdout: 'pipe', stderr: 'pipe' });
    let output = '';
    for (const stream of [group.stdout, group.stderr]) stream?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    expect(await group.exited).toEqual({ exitCode: 0, signal: undefined, spawnError: undefined });
    expect(output).toBe('still here\n');
  }, 30_000);

  it('does nothing in a process that was not given a parent pipe', async () => {
    const started = await execa(process.execPath, ['--import', 'tsx', '-e', `require(${JSON.stringify(WATCH_PARENT)}).watchParent(); setTimeout(() => console.log('still here'), 300)`], { stdin: 'ignore', reject: false });
    expect([started.exitCode, started.stdout]).toEqual([0, 'still here']);
  }, 30_000);
});
