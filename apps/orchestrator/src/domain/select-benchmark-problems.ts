import type { BenchmarkProblem } from './benchmark-problem';

/**
 * At most `limit` problems (0 = all), taken round-robin over the difficulty groups in file order, so a
 * small evaluation still covers every level instead of only the first one.
 */
export function selectBenchmarkProblems(problems: readonly BenchmarkProblem[], limit: number): BenchmarkProblem[] {
  if (limit <= 0 || limit >= problems.length) return [...problems];
  const groups = new Map<string, BenchmarkProblem[]>();
  for (const problem of problems) {
    const key = problem.group ?? '';
    groups.set(key, [...(groups.get(key) ?? []), problem]);
  }
  const queues = [...groups.values()];
  const chosen = new Set<BenchmarkProblem>();
  for (let depth = 0; chosen.size < limit; depth++) {
    for (const queue of queues) {
      if (depth < queue.length && chosen.size < limit) chosen.add(queue[depth]);
    }
  }
  return problems.filter((p) => chosen.has(p));
}
