import { renderPrompt } from '../corpus/embedded-templates';
import { answerValue, isCorrectSolution } from '../domain/check-answer';
import { boxedAnswer } from '../domain/answer';
import { Decoder } from '../model/decoder';
import { generate } from '../sample/generate';
import { CharTokenizer } from '../tokenizer/char-tokenizer';
import { BenchmarkItem } from './benchmark';

export interface LevelScore {
  level: number;
  problems: number;
  greedy: number;
  meanK: number;
  /** Share of problems whose k samples box two or more different answers (a missing box counts as one). */
  disagree: number;
}

export interface EvalReport {
  k: number;
  levels: LevelScore[];
  overall: { problems: number; greedy: number; meanK: number; disagree: number };
}

/**
 * Greedy pass@1 and the mean accuracy of k samples at temperature 1, per level. Requests go in
 * batches so the decoder's batched KV cache does the work.
 */
export async function evaluate(
  decoder: Decoder, tok: CharTokenizer, solverTemplate: string, items: readonly BenchmarkItem[],
  opts: { k: number; seed: number; batch?: number; maxTokens?: number },
): Promise<EvalReport> {
  const batch = opts.batch ?? 32;
  const maxTokens = opts.maxTokens ?? 96;
  const greedy: boolean[] = [];
  const sampled: number[] = [];
  const split: boolean[] = [];
  for (let i = 0; i < items.length; i += batch) {
    const chunk = items.slice(i, i + batch);
    const prompts = chunk.map((it) => tok.encode(renderPrompt(solverTemplate, { question: it.question })));
    const expected = chunk.map(expectedAnswer);
    const g = await generate(decoder, tok, prompts.map((prompt, j) => ({ prompt, n: 1, temperature: 0, topP: 1, maxTokens, stop: [], seed: opts.seed + i + j })));
    chunk.forEach((_, j) => greedy.push(isCorrectSolution(g[j][0].text, expected[j])));
    if (opts.k > 0) {
      const perReq = Math.max(1, Math.floor(batch / opts.k));
      for (let j = 0; j < chunk.length; j += perReq) {
        const sub = chunk.slice(j, j + perReq);
        const s = await generate(decoder, tok, sub.map((_, m) => ({ prompt: prompts[j + m], n: opts.k, temperature: 1, topP: 1, maxTokens, stop: [], seed: opts.seed * 7919 + i + j + m })));
        sub.forEach((_, m) => {
          sampled.push(s[m].filter((x) => isCorrectSolution(x.text, expected[j + m])).length / opts.k);
          split.push(new Set(s[m].map((x) => boxedAnswer(x.text) ?? '')).size > 1);
        });
      }
    }
  }
  const levels = [...new Set(items.map((it) => it.level))].sort((a, b) => a - b).map((level) => {
    const idx = items.map((it, i) => (it.level === level ? i : -1)).filter((i) => i >= 0);
    return {
      level,
      problems: idx.length,
      greedy: idx.filter((i) => greedy[i]).length / idx.length,
      meanK: opts.k > 0 ? idx.reduce((s, i) => s + sampled[i], 0) / idx.length : NaN,
      disagree: opts.k > 0 ? idx.filter((i) => split[i]).length / idx.length : NaN,
    };
  });
  return {
    k: opts.k,
    levels,
    overall: {
      problems: items.length,
      greedy: greedy.filter(Boolean).length / items.length,
      meanK: opts.k > 0 ? sampled.reduce((a, b) => a + b, 0) / items.length : NaN,
      disagree: opts.k > 0 ? split.filter(Boolean).length / items.length : NaN,
    },
  };
}

function expectedAnswer(item: BenchmarkItem): bigint {
  const value = answerValue(item.answer);
  if (value === undefined) throw new Error(`benchmark item ${item.id}: answer ${JSON.stringify(item.answer)} is not an integer`);
  return value;
}

export function formatReport(r: EvalReport): string {
  const pct = (x: number): string => (Number.isNaN(x) ? '   -  ' : `${(100 * x).toFixed(1).padStart(5)}%`);
  const lines = [`level  problems  greedy_pass@1  mean_acc@k=${r.k}  samples_disagree`];
  const row = (name: string, x: Omit<LevelScore, 'level'>): string =>
    `${name.padStart(5)}  ${String(x.problems).padStart(8)}  ${pct(x.greedy).padStart(13)}  ${pct(x.meanK).padStart(12)}  ${pct(x.disagree).padStart(16)}`;
  for (const l of r.levels) lines.push(row(String(l.level), l));
  lines.push(row('all', r.overall));
  return lines.join('\n');
}
