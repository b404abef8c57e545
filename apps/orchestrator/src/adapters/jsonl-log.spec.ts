import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { status as Status } from '@grpc/grpc-js';
import { failingFileSystem } from '@aero/files';
import { JsonlLog } from './jsonl-log';

const fresh = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jsonl-log-')), 'log.jsonl');

describe('JsonlLog', () => {
  it('reads back what it appended, in order, across instances', () => {
    const file = fresh();
    const log = new JsonlLog(file);
    log.append({ a: 1 });
    log.append({ b: [2] });
    log.close();
    new JsonlLog(file).append({ c: 'x' });
    expect(new JsonlLog(file).read()).toEqual([{ a: 1 }, { b: [2] }, { c: 'x' }]);
  });

  it('reads a missing file as empty', () => {
    expect(new JsonlLog(fresh()).read()).toEqual([]);
  });

  it('ignores a torn last record (a write cut by a crash) and cuts it off before the next append', () => {
    const file = fresh();
    fs.writeFileSync(file, '{"a":1}\n{"b":');
    const log = new JsonlLog(file);
    expect(log.read()).toEqual([{ a: 1 }]);
    log.append({ c: 3 });
    log.close();
    expect(fs.readFileSync(file, 'utf8')).toBe('{"a":1}\n{"c":3}\n');
  });

  it('names the line of a corrupt complete record', () => {
    const file = fresh();
    fs.writeFileSync(file, '{"a":1}\nnot json\n');
    expect(() => new JsonlLog(file).read()).toThrow(/log\.jsonl:2/);
  });

  it('answers an append the full disk refuses with RESOURCE_EXHAUSTED naming the file, and appends again once there is room', () => {
    const file = fresh();
    let full = false;
    const log = new JsonlLog(file, failingFileSystem(() => full));
    log.append({ a: 1 });
    full = true;
    expect(() => log.append({ b: 2 })).toThrow(expect.objectContaining({ code: Status.RESOURCE_EXHAUSTED, message: `disk full: ${file}` }));
    full = false;
    log.append({ c: 3 });
    log.close();
    expect(fs.readFileSync(file, 'utf8')).toBe('{"a":1}\n{"c":3}\n');
  });
});
