import { readFileSync } from 'node:fs';
import type { Question } from '@aero/contracts';
import type { RolePrompts } from '@aero/prompts';

/**
 * `count` questions of an evaluation file (JSONL of {question, answer, level}) in the given levels,
 * spread evenly over it, as Question messages (the generator fields are placeholders: these
 * questions were not generated, and the benchmark does not count generator calls).
 */
export function benchmarkQuestions(file: string, levels: ReadonlySet<number>, count: number, prompts: RolePrompts): Question[] {
  const items = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { question: string; level: number })
    .filter((item) => levels.has(item.level));
  if (items.length === 0) throw new Error(`${file} has no question in levels ${[...levels].join(',')}`);
  const step = Math.max(1, Math.floor(items.length / count));
  return items
    .filter((_, i) => i % step === 0)
    .slice(0, count)
    .map((item, index) => ({
      id: `r1-q${String(index).padStart(4, '0')}`,
      text: item.question,
      meta: { knowledge_points: [], domain: 'arithmetic', background: '' },
      parsed: true,
      prompt: prompts.generator(),
      raw_output: JSON.stringify({ question: item.question }),
      round: 1,
      index,
    }));
}
