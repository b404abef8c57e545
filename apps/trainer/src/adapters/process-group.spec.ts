import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isRunning } from '../testing/is-running';
import { startProcessGroup } from './process-group';

/** A launcher that starts a worker which ignores SIGTERM, like a stuck training rank. */
const LAUNCHER = `
const { spawn } = require('node:child_process');
const worker = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' });
console.log(JSON.stringify({ worker: worker.pid }));
setInterval(() => {}, 1000);
`;

describe('startProcessGroup', () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'trainer-group-'));

  it('stops the leader and everything it started, escalating to SIGKILL after the grace period', async () => {
    let output = '';
    const group = await startProcessGroup({ file: process.execPath, args: ['-e', LAUNCHER], env: {} }, { cwd, onOutput: (c) => (output += c) });
    while (!output.includes('\n')) await new Promise((r) => setTimeout(r, 20));
    const worker = JSON.parse(output).worker as number;
    expect(isRunning(worker)).toBe(true);
    const started = Date.now();
    await group.stop(300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(isRunning(group.pid!)).toBe(false);
    expect(isRunning(worker)).toBe(false);
    expect(await group.exited).toEqual({ exitCode: undefined, signal: 'SIGTERM', spawnError: undefined });
  });

  it('passes the environment and reports the exit code', async () => {
    let output = '';
    const group = await startProcessGroup(
      { file: process.execPath, args: ['-e', 'console.log(process.env.MASTER_PORT); process.exit(3)'], env: { MASTER_PORT: '29511' } },
      { cwd, onOutput: (c) => (output += c) },
    );
    expect(await group.exited).toEqual({ exitCode: 3, signal: undefined, spawnError: undefined });
    expect(output.trim()).toBe('29511');
  });

  it('reports a command that cannot be started', async () => {
    const group = await startProcessGroup({ file: 'no-such-trainer-cli', args: [], env: {} }, { cwd, onOutput: () => undefined });
    expect((await group.exited).spawnError).toBe('ENOENT');
    await group.stop(100);
  });
});
