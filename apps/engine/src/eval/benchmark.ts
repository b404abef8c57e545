import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { generateProblem, LEVELS } from '../domain/generate-problem';
import { Rng } from '../util/rng';

export const BenchmarkItemSchema = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.string(),
  level: z.number().int(),
});
export type BenchmarkItem = z.infer<typeof BenchmarkItemSchema>;

export const DEFAULT_BENCHMARK = path.resolve(__dirname, '../../data/benchmark.jsonl');

/** A fixed held-out set: perLevel distinct problems per level, drawn once from the seed. */
export function makeBenchmark(seed: number, perLevel: number): BenchmarkItem[] {
  const rng = new Rng(seed);
  const items: BenchmarkItem[] = [];
  const seen = new Set<string>();
  for (const level of LEVELS) {
    let k = 0;
    while (k < perLevel) {
      const p = generateProblem(rng, level);
      if (seen.has(p.question)) continue;
      seen.add(p.question);
      items.push({ id: `L${level}-${String(k).padStart(3, '0')}`, question: p.question, answer: String(p.answer), level });
      k++;
    }
  }
  return items;
}

export function readBenchmark(file: string): BenchmarkItem[] {
  if (!existsSync(file)) throw new Error(`benchmark file not found: ${file}`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((line, i) => {
      const r = BenchmarkItemSchema.safeParse(JSON.parse(line));
      if (!r.success) throw new Error(`${file}:${i + 1}: not a benchmark record (${r.error.issues[0].message})`);
      return r.data;
    });
}
