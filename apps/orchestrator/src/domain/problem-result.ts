/** How the model did on one benchmark problem (the evaluation's per-problem record). */
export interface ProblemResult {
  id: string;
  group?: string;
  /** The reference answer. */
  expected: string;
  /** The extracted answer of the greedy solution; empty when it had none. */
  answer: string;
  correct: boolean;
  /** Why the model could not take the problem (a service refused it), when it could not. */
  error?: string;
}
