import * as fs from 'node:fs';
import { z } from 'zod';
import type { BenchmarkProblem } from '../domain/benchmark-problem';

const line = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  question: z.string().min(1),
  answer: z.union([z.string().min(1), z.number()]),
  level: z.union([z.number(), z.string().min(1)]).optional(),
});

/**
 * A benchmark file: JSON Lines of {question, answer[, id][, level]}. A number level is reported as
 * "level N", a string level as given. A bad line fails with its file and line number.
 */
export function readBenchmark(file: string): BenchmarkProblem[] {
  if (!fs.existsSync(file)) throw new Error(`benchmark file not found: ${file}`);
  const problems: BenchmarkProblem[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (text.trim() === '') return;
      let parsed;
      try {
        parsed = line.parse(JSON.parse(text));
      } catch (error) {
        const why = error instanceof z.ZodError ? error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ') : 'not JSON';
        throw new Error(`${file}:${i + 1}: not a benchmark record (${why})`);
      }
      problems.push({
        id: parsed.id === undefined ? `line-${i + 1}` : String(parsed.id),
        question: parsed.question,
        answer: String(parsed.answer),
        group: parsed.level === undefined ? undefined : typeof parsed.level === 'number' ? `level ${parsed.level}` : parsed.level,
      });
    });
  return problems;
}
