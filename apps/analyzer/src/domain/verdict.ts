/** What settled an equivalence question, cheapest first (AnalyzerService's EquivalenceMethod). */
export type EquivalenceMethod = 'exact' | 'normalized' | 'symbolic' | 'numeric' | 'judge' | 'undecided';

/** The answer to "are these two answers equivalent?". Undecided counts as not equivalent. */
export interface Verdict {
  equivalent: boolean;
  method: EquivalenceMethod;
}
