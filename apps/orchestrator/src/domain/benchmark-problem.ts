/** One benchmark problem: a question with its reference answer, and its difficulty group if any. */
export interface BenchmarkProblem {
  /** Stable id (the file's id, else "line-<n>"). */
  id: string;
  question: string;
  answer: string;
  /** Difficulty level or domain the problem is reported under ("level 3"); undefined when ungrouped. */
  group?: string;
}
