import type { KtoExample, QuestionRecord } from '@aero/contracts';

/** Questions that differ only in spacing are the same question. */
function questionKey(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * The evaluation benchmarks' questions, which a run must never train on: the generator can write a
 * benchmark problem word for word (the embedded domain is finite), and training on it would
 * measure memory, not reasoning.
 */
export class HeldOutQuestions {
  private readonly keys: ReadonlySet<string>;

  constructor(benchmarkQuestions: readonly string[]) {
    this.keys = new Set(benchmarkQuestions.map(questionKey));
  }

  has(question: string): boolean {
    return this.keys.has(questionKey(question));
  }
}

/** The examples a round may train on, in question order: none from a held-out question. */
export function trainableExamples(records: readonly QuestionRecord[]): KtoExample[] {
  return records.flatMap((r) => (r.held_out ? [] : (r.verification?.examples ?? [])));
}
