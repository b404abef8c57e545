import { execa } from 'execa';
import { stopProcessGroup } from './stop-process-group';
import { pidsPrintedBy } from './testing/pids-printed-by';
import { isRunning } from './is-running';
import { workerLauncher } from './testing/worker-launcher';

async function startGroup(ignoreTerm: boolean) {
  const leader = execa(process.execPath, ['-e', workerLauncher(ignoreTerm)], { detached: true, stdin: 'ignore', reject: false, buffer: false });
  return { leader, pids: await pidsPrintedBy(leader.stdout!) };
}

describe('stopProcessGroup', () => {
  it('ends a group that honours SIGTERM without waiting for the grace period', async () => {
    const { leader, pids } = await startGroup(false);
    const started = Date.now();
    expect(await stopProcessGroup(leader.pid!, 30_000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await leader).signal).toBe('SIGTERM');
    expect([isRunning(pids.leader), isRunning(pids.worker)]).toEqual([false, false]);
  }, 30_000);

  it('sends SIGKILL to the members that ignore SIGTERM once the grace period is over', async () => {
    const { leader, pids } = await startGroup(true);
    const started = Date.now();
    expect(await stopProcessGroup(leader.pid!, 500)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect((await leader).signal).toBe('SIGKILL');
    expect([isRunning(pids.leader), isRunning(pids.worker)]).toEqual([false, false]);
  }, 30_000);

  it('is done at once with a group that has already exited', async () => {
    const leader = execa(process.execPath, ['-e', 'process.exit(0)'], { detached: true, stdio: 'ignore', reject: false });
    await leader;
    const started = Date.now();
    expect(await stopProcessGroup(leader.pid!, 30_000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  }, 30_000);
});
