import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readBenchmark } from './read-benchmark';

const write = (text: string) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'b.jsonl');
  fs.writeFileSync(file, text);
  return file;
};

describe('readBenchmark', () => {
  it('reads question/answer lines with optional id and level', () => {
    const file = write('{"id":"L1-000","question":"6*2","answer":"12","level":1}\n\n{"question":"x?","answer":3.5,"level":"physics"}\n{"question":"y","answer":"1"}\n');
    expect(readBenchmark(file)).toEqual([
      { id: 'L1-000', question: '6*2', answer: '12', group: 'level 1' },
      { id: 'line-3', question: 'x?', answer: '3.5', group: 'physics' },
      { id: 'line-4', question: 'y', answer: '1', group: undefined },
    ]);
  });

  it('names the file and line of a bad record', () => {
    const file = write('{"question":"a","answer":"1"}\n{"question":"","answer":"1"}\n');
    expect(() => readBenchmark(file)).toThrow(/b\.jsonl:2: not a benchmark record \(question:/);
    expect(() => readBenchmark(write('nope\n'))).toThrow(/b\.jsonl:1: not a benchmark record \(not JSON\)/);
  });

  it('names a missing file', () => {
    expect(() => readBenchmark('/no/such/bench.jsonl')).toThrow('benchmark file not found: /no/such/bench.jsonl');
  });
});
