/** Request size limits of the analyzer's RPCs. */
export const LIMITS = {
  /** Longest sample text (ExtractAnswer, ExtractAnswers, Analyze), in characters. */
  sampleChars: 1_000_000,
  /** Longest answer expression (CheckEquivalence), in characters. */
  answerChars: 10_000,
  /** Most samples in one Analyze request, most texts in one ExtractAnswers request. */
  samples: 4096,
};
