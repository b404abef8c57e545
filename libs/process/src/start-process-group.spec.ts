import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execa } from 'execa';
import { startProcessGroup } from './start-process-group';
import { stopProcessGroup } from './stop-process-group';
import { isRunning } from './is-running';
import { pidsPrintedBy } from './testing/pids-printed-by';
import { until } from './testing/until';
import { workerLauncher } from './testing/worker-launcher';

const LIFELINE_PARENT = path.join(__dirname, 'testing/lifeline-parent.ts');
const LIFELINE_CHILD = path.join(__dirname, 'testing/lifeline-child.ts');

describe('startProcessGroup', () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'process-group-'));

  it('stops the leader and everything it started, escalating to SIGKILL after the grace period', async () => {
    const group = await startProcessGroup({ file: process.execPath, args: ['-e', workerLauncher(true)] }, { stdout: 'pipe' });
    const { worker } = await pidsPrintedBy(group.stdout!);
    expect(isRunning(worker)).toBe(true);
    const started = Date.now();
    await group.stop(300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect([isRunning(group.pid!), isRunning(worker)]).toEqual([false, false]);
    expect(await group.exited).toEqual({ exitCode: undefined, signal: 'SIGKILL', spawnError: undefined });
  }, 30_000);

  it('passes the environment and the working directory, and reports the exit code', async () => {
    const group = await startProcessGroup(
      { file: process.execPath, args: ['-e', 'console.log(process.env.MASTER_PORT, process.cwd()); process.exit(3)'], env: { MASTER_PORT: '29511' }, cwd },
      { stdout: 'pipe' },
    );
    let output = '';
    group.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    expect(await group.exited).toEqual({ exitCode: 3, signal: undefined, spawnError: undefined });
    expect(output.trim()).toBe(`29511 ${fs.realpathSync(cwd)}`);
  }, 30_000);

  it('gives the leader a stdin when asked, and a write after the leader exited does not throw', async () => {
    const echo = "process.stdin.once('data', (d) => { console.log('got ' + d.toString().trim()); process.exit(0); })";
    const group = await startProcessGroup({ file: process.execPath, args: ['-e', echo] }, { stdout: 'pipe', stdin: 'pipe' });
    let output = '';
    group.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    group.stdin!.write('hello\n');
    expect(await group.exited).toEqual({ exitCode: 0, signal: undefined, spawnError: undefined });
    expect(output.trim()).toBe('got hello');
    group.stdin!.write('too late\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = await startProcessGroup({ file: process.execPath, args: ['-e', '0'] });
    expect(closed.stdin).toBeUndefined();
    await closed.exited;
  }, 30_000);

  it('reports a command that cannot be started, which leaves nothing to stop', async () => {
    const group = await startProcessGroup({ file: 'no-such-command-anywhere', args: [] });
    expect(group.pid).toBeUndefined();
    expect((await group.exited).spawnError).toBe('ENOENT');
    await group.stop(100);
  }, 30_000);

  it('sends SIGTERM to the groups still running when this process exits without stopping them', async () => {
    // The parent exits at once; its child, which watches nothing here, would otherwise run on.
    const parent = execa(process.execPath, ['--import', 'tsx', LIFELINE_PARENT, 'exit', LIFELINE_CHILD, '--no-watch'], { stdin: 'ignore', reject: false, buffer: false });
    const { child, grandchild } = await pidsPrintedBy(parent.stdout!);
    try {
      expect(await until(() => !isRunning(child), 10_000)).toBe(true);
    } finally {
      // The child died of that SIGTERM without stopping its own child: the test cleans up after it.
      await stopProcessGroup(grandchild, 1_000);
      await stopProcessGroup(child, 1_000);
      await parent;
    }
  }, 30_000);
});
