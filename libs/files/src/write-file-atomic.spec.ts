import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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

  it('keeps the old content and removes its temporary file when the rename fails', () => {
    const target = path.join(dir, 'occupied');
    fs.mkdirSync(path.join(target, 'child'), { recursive: true });
    expect(() => writeFileAtomic(target, 'data')).toThrow();
    expect(fs.readdirSync(dir)).toEqual(['occupied']);
  });
});
