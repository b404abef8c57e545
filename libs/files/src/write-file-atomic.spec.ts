import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { failingFileSystem } from './failing-file-system';
import { FileWriteError } from './file-write-error';
import { writeFileAtomic } from './write-file-atomic';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aero-files-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates missing folders and replaces the content whole, leaving no temporary file', () => {
    const file = path.join(dir, 'a/b/state.json');
    writeFileAtomic(file, 'old');
    writeFileAtomic(file, Buffer.from('new'));
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['state.json']);
  });

  it('keeps the old content and removes its temporary file when the rename fails, naming the target', () => {
    const target = path.join(dir, 'occupied');
    fs.mkdirSync(path.join(target, 'child'), { recursive: true });
    expect(captured(() => writeFileAtomic(target, 'data'))).toMatchObject({ message: `cannot write ${target} (EISDIR)`, diskFull: false });
    expect(fs.readdirSync(dir)).toEqual(['occupied']);
  });

  it('keeps the old content and removes its temporary file when the disk is full, and says so', () => {
    const file = path.join(dir, 'state.json');
    writeFileAtomic(file, 'old');
    const failure = captured(() => writeFileAtomic(file, 'new', failingFileSystem(() => true)));
    expect(failure).toBeInstanceOf(FileWriteError);
    expect(failure).toMatchObject({ message: `disk full: ${file}`, code: 'ENOSPC', diskFull: true, file });
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['state.json']);
  });
});

function captured(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}
