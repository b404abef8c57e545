import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { status as Status } from '@grpc/grpc-js';
import { execa } from 'execa';
import { StoreLock } from './store-lock';

const runsDir = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'store-lock-')), 'runs');
const holdBy = (lock: StoreLock, pid: number, host = os.hostname()) => fs.writeFileSync(lock.file, JSON.stringify({ pid, host }));

describe('StoreLock', () => {
  it('is taken once per process and released', () => {
    const lock = new StoreLock(runsDir());
    expect(lock.take()).toBeUndefined();
    expect(lock.take()).toBeUndefined();
    expect(JSON.parse(fs.readFileSync(lock.file, 'utf8'))).toEqual({ pid: process.pid, host: os.hostname() });
    lock.release();
    expect(fs.existsSync(lock.file)).toBe(false);
  });

  it('is refused while a live process holds it, and taken over once that process is dead', async () => {
    const lock = new StoreLock(runsDir());
    fs.mkdirSync(path.dirname(lock.file), { recursive: true });
    const other = execa(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    holdBy(lock, other.pid ?? -1);
    expect(lock.take()).toBe(`pid ${other.pid} on ${os.hostname()}; if it is gone, delete ${lock.file}`);
    other.kill('SIGKILL');
    await other.catch(() => undefined);
    expect(lock.take()).toBeUndefined();
    expect(JSON.parse(fs.readFileSync(lock.file, 'utf8')).pid).toBe(process.pid);
  });

  it('counts a holder on another host as alive, and a lock left with its own pid by an earlier process as stale', () => {
    const lock = new StoreLock(runsDir());
    fs.mkdirSync(path.dirname(lock.file), { recursive: true });
    holdBy(lock, 1, 'elsewhere');
    expect(lock.take()).toMatch(/^pid 1 on elsewhere;/);
    holdBy(lock, process.pid);
    expect(lock.take()).toBeUndefined();
  });

  it('leaves alone a lock that another process took after this one was released', () => {
    const lock = new StoreLock(runsDir());
    lock.take();
    holdBy(lock, 1, 'elsewhere');
    lock.release();
    expect(fs.existsSync(lock.file)).toBe(true);
  });

  it('answers with the lock file it cannot write', () => {
    const blocker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'store-lock-')), 'file');
    fs.writeFileSync(blocker, '');
    const lock = new StoreLock(path.join(blocker, 'runs'));
    expect(() => lock.take()).toThrow(expect.objectContaining({ code: Status.INTERNAL, message: `cannot write ${lock.file} (ENOTDIR)` }));
  });
});
