import { Evaluation } from '@aero/contracts';
import type { ProblemResult } from './problem-result';

/** Greedy pass@1 over all problems and per difficulty group; refused problems count as wrong. */
export function scoreEvaluation(benchmark: string, round: number, results: readonly ProblemResult[]): Evaluation {
  const accuracy = (items: readonly ProblemResult[]) => (items.length ? items.filter((r) => r.correct).length / items.length : 0);
  const groups = [...new Set(results.flatMap((r) => (r.group === undefined ? [] : [r.group])))];
  return Evaluation.fromPartial({
    benchmark,
    round,
    pass_at_1: accuracy(results),
    problems: results.length,
    by_level: Object.fromEntries(groups.map((g) => [g, accuracy(results.filter((r) => r.group === g))])),
    refused: results.filter((r) => r.error !== undefined).length,
  });
}
