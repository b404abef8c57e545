import { readFileSync } from 'node:fs';
import path from 'node:path';

/** One pair of the analyzer's equivalence corpus (apps/analyzer/test-data/equivalence-corpus.jsonl). */
export interface CorpusPair {
  a: string;
  b: string;
  /** Expected verdict. Every non-equivalent pair differs in value. */
  equivalent: boolean;
  /** The answer form the pair exercises, e.g. "fraction", "interval". */
  form: string;
}

export function readEquivalenceCorpus(): CorpusPair[] {
  return readFileSync(path.join(__dirname, '../../test-data/equivalence-corpus.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusPair);
}
