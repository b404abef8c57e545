import { readFileSync } from 'node:fs';
import { CorpusGenerator } from '../corpus/corpus-generator';
import { embeddedTemplates } from '../corpus/embedded-templates';
import { evaluateArithmetic } from '../domain/arithmetic';
import { answerValue } from '../domain/check-answer';
import { LEVELS } from '../domain/generate-problem';
import { BENCHMARK_PER_LEVEL, BENCHMARK_SEED } from '../make-benchmark-command';
import { DEFAULT_BENCHMARK, makeBenchmark, readBenchmark } from './benchmark';

describe('shipped benchmark', () => {
  const items = readBenchmark(DEFAULT_BENCHMARK);

  it('has 100 problems at each of the eight levels, the taught ones and those above, with exact answers', () => {
    expect(items.length).toBe(800);
    for (const level of LEVELS) expect(items.filter((i) => i.level === level)).toHaveLength(100);
    for (const it of items) expect(answerValue(it.answer)).toBe(evaluateArithmetic(it.question));
  });

  it('is exactly what make-benchmark generates from its seed', () => {
    const text = makeBenchmark(BENCHMARK_SEED, BENCHMARK_PER_LEVEL).map((x) => JSON.stringify(x)).join('\n') + '\n';
    expect(readFileSync(DEFAULT_BENCHMARK, 'utf8')).toBe(text);
  });

  it('is held out of the pretraining corpus, which renders the embedded templates', () => {
    const held = new Set(items.map((i) => i.question));
    const templates = embeddedTemplates();
    const corpus = new CorpusGenerator(1, templates, held);
    const solverHead = templates.solver.split('{{')[0];
    for (let i = 0; i < 3000; i++) {
      const ex = corpus.next();
      if (ex.role === 'solver') {
        expect(ex.prompt.startsWith(solverHead)).toBe(true);
        expect(held.has(ex.prompt.slice(solverHead.length).trim())).toBe(false);
      }
      if (ex.role === 'generator') expect(held.has(JSON.parse(ex.completion).question)).toBe(false);
    }
  });
});
