import { isRunning } from '@aero/process';
import type { Logger } from '@aero/service-kit';
import { StandbyTrainProcess } from './standby-train-process';

/**
 * A stand-in for `train --standby`: prints its pid, then for each line "job <line>" and the engine's
 * job-done line, or exits 3 on a line "fail".
 */
const STANDBY = [
  "console.log('pid ' + process.pid);",
  "require('node:readline').createInterface({ input: process.stdin }).on('line', (l) => {",
  "  if (l === 'fail') process.exit(3);",
  "  console.log('job ' + l); console.log(JSON.stringify({ event: 'standby_job_done' }));",
  '});',
].join('\n');

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = {
    lines,
    debug: () => undefined,
    info: (msg: string, fields?: Record<string, unknown>) => lines.push(`info ${msg} ${JSON.stringify(fields)}`),
    warn: (msg: string, fields?: Record<string, unknown>) => lines.push(`warn ${msg} ${JSON.stringify(fields)}`),
    error: () => undefined,
    child: () => log,
  };
  return log;
}

const readyPid = (log: { lines: string[] }): number => Number(/ready \{"pid":(\d+)\}/.exec(log.lines.join('\n'))?.[1]);

describe('StandbyTrainProcess', () => {
  const standbys: StandbyTrainProcess[] = [];
  const standby = (script: string, log: Logger) => {
    const s = new StandbyTrainProcess({ file: process.execPath, args: ['-e', script] }, 1000, log);
    standbys.push(s);
    return s;
  };
  afterAll(() => Promise.all(standbys.map((s) => s.stop())));

  it('runs job after job in the one process it started, one job at a time', async () => {
    const log = recordingLog();
    const s = standby(STANDBY, log);
    expect(await s.take('early')).toBeUndefined();
    s.prepare();
    s.prepare();
    const first = await s.take('a.yaml');
    if (!first) throw new Error('no standby to take');
    let output = '';
    first.group.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    expect(await s.take('while busy')).toBeUndefined();
    expect(await first.finished).toBe('done');
    const second = await s.take('b.yaml');
    expect(second?.group.pid).toBe(first.group.pid);
    expect(await second?.finished).toBe('done');
    expect(output).toContain('job a.yaml\n');
    expect(output).toContain('job b.yaml\n');
    expect(output).not.toContain('while busy');
    expect(log.lines).toEqual([`info standby train process ready {"pid":${first.group.pid}}`]);
    expect(isRunning(readyPid(log))).toBe(true);
  });

  it('reports a job that ends the process as that exit, and prepare() then starts another', async () => {
    const log = recordingLog();
    const s = standby(STANDBY, log);
    s.prepare();
    const failing = await s.take('fail');
    expect(await failing?.finished).toEqual({ exitCode: 3, signal: undefined, spawnError: undefined });
    expect(await s.take('after')).toBeUndefined();
    s.prepare();
    const next = await s.take('c.yaml');
    expect(next?.group.pid).not.toBe(failing?.group.pid);
    expect(await next?.finished).toBe('done');
    // The failed job's exit was the job's to report, not a warning.
    expect(log.lines.filter((l) => l.startsWith('warn'))).toEqual([]);
  });

  it('says so when the process dies between jobs, and hands it no job', async () => {
    const log = recordingLog();
    const s = standby('process.exit(7)', log);
    s.prepare();
    for (let i = 0; i < 100 && !log.lines.some((l) => l.startsWith('warn')); i++) await new Promise((r) => setTimeout(r, 20));
    expect(log.lines.at(-1)).toMatch(/^warn standby train process exited between jobs \{"pid":\d+,"exitCode":7\}$/);
    expect(await s.take('a.yaml')).toBeUndefined();
  });

  it('stops its process, and starts none after', async () => {
    const log = recordingLog();
    const s = standby(STANDBY, log);
    s.prepare();
    await s.take('warm up');
    await s.stop();
    expect(isRunning(readyPid(log))).toBe(false);
    s.prepare();
    expect(await s.take('a.yaml')).toBeUndefined();
    expect(log.lines).toHaveLength(1);
  });
});
