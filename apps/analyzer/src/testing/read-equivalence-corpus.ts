import { readFileSync } from 'node:fs';
import path from 'node:path';

/** One pair of the analyzer's equivalence corpus (apps/analyzer/test-data/equivalence-corpus.jsonl). */
export interface CorpusPair {
  a: string;
  b: string;
  /** Expected verdict. Every non-equivalent pair differs in value (or, for a decimal too short to tell, may). */
  equivalent: boolean;
  /**
   * What the pair exercises: `clean` (bare answers of the first corpus), `whole-output`,
   * `label-chain`, `set-list`, `inequality`, `number-format`, `big-operator`, `competition`, `latex-noise`.
   */
  class: string;
  /** The answer form within the class, e.g. "fraction", "minerva", "decimal-comma". */
  form: string;
  /** Sides that are whole model outputs: their answers are extracted (lenient mode) before comparing; no answer is a parse failure. */
  extract?: ('a' | 'b')[];
}

export function readEquivalenceCorpus(): CorpusPair[] {
  return readFileSync(path.join(__dirname, '../../test-data/equivalence-corpus.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusPair);
}
