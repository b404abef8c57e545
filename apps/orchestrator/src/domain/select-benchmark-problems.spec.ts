import type { BenchmarkProblem } from './benchmark-problem';
import { selectBenchmarkProblems } from './select-benchmark-problems';

const problems: BenchmarkProblem[] = ['a', 'a', 'a', 'b', 'b', 'c'].map((group, i) => ({ id: `p${i}`, question: `${i}`, answer: `${i}`, group }));

describe('selectBenchmarkProblems', () => {
  it('returns everything for limit 0 or a limit at least the size', () => {
    expect(selectBenchmarkProblems(problems, 0)).toHaveLength(6);
    expect(selectBenchmarkProblems(problems, 9)).toHaveLength(6);
  });

  it('covers every group before taking a second problem of any, keeping file order', () => {
    expect(selectBenchmarkProblems(problems, 3).map((p) => p.id)).toEqual(['p0', 'p3', 'p5']);
    expect(selectBenchmarkProblems(problems, 5).map((p) => p.id)).toEqual(['p0', 'p1', 'p3', 'p4', 'p5']);
  });

  it('treats ungrouped problems as one group', () => {
    const plain = problems.map(({ group: _group, ...p }) => p);
    expect(selectBenchmarkProblems(plain, 2).map((p) => p.id)).toEqual(['p0', 'p1']);
  });
});
