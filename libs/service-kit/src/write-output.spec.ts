import { Writable } from 'node:stream';
import { watchOutput, writeOutput } from './write-output';

/** A stream whose writes fail with ENOSPC, as stdout on a full disk does; it counts the attempts. */
function fullDisk(): Writable & { attempts: number } {
  const stream = new Writable({
    autoDestroy: false,
    write(_chunk, _encoding, callback) {
      stream.attempts++;
      callback(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    },
  }) as Writable & { attempts: number };
  stream.attempts = 0;
  return stream;
}

describe('writeOutput', () => {
  it('turns a failing write into one report and writes nothing more to that stream', async () => {
    const stream = fullDisk();
    const failures: string[] = [];
    watchOutput(stream, (error) => failures.push(error.message));
    watchOutput(stream, () => failures.push('watched twice'));
    writeOutput(stream, 'listening\n');
    await new Promise(setImmediate);
    writeOutput(stream, 'serving\n');
    await new Promise(setImmediate);
    expect(failures).toEqual(['ENOSPC: no space left on device, write']);
    expect(stream.attempts).toBe(1);
  });

  it('keeps an unwatched stream from failing the process too', async () => {
    const stream = fullDisk();
    writeOutput(stream, 'a line\n');
    await new Promise(setImmediate);
    expect(stream.listenerCount('error')).toBe(1);
    expect(stream.attempts).toBe(1);
  });
});
