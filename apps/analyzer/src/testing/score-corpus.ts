import { extractAnswer } from '@aero/answer';
import type { Verdict } from '../domain/verdict';
import type { CorpusPair } from './read-equivalence-corpus';

/** How the analyzer's verdicts on the pairs of one class (or all) compare with the expected ones. */
export interface CorpusScore {
  pairs: number;
  /** Verdicts equal to the expected one (undecided counts as "not equivalent"). */
  agreeing: number;
  /** "equivalent" on a pair that is not: must stay 0. */
  falseEquivalent: number;
  /** "not equivalent" decided by a method (proven), not left undecided. */
  provenDifferent: number;
  /** Proven "not equivalent" on a pair that is equivalent: must stay 0. */
  wronglyDifferent: number;
}

/**
 * The two answers a pair compares: the sides marked `extract` are whole model outputs, read in
 * lenient mode (the production profile's); null when one of them states no answer, a parse
 * failure that is equivalent to nothing.
 */
export function corpusAnswers(pair: CorpusPair): [string, string] | null {
  const side = (text: string, whole: boolean) => (whole ? extractAnswer(text, 'lenient') : { found: true, answer: text });
  const a = side(pair.a, pair.extract?.includes('a') ?? false);
  const b = side(pair.b, pair.extract?.includes('b') ?? false);
  return a.found && b.found ? [a.answer, b.answer] : null;
}

/** Scores per class and overall; `verdicts[i]` is the verdict on `pairs[i]`. */
export function scoreCorpus(pairs: readonly CorpusPair[], verdicts: readonly Verdict[]): { byClass: Map<string, CorpusScore>; overall: CorpusScore } {
  const empty = (): CorpusScore => ({ pairs: 0, agreeing: 0, falseEquivalent: 0, provenDifferent: 0, wronglyDifferent: 0 });
  const byClass = new Map<string, CorpusScore>();
  const overall = empty();
  pairs.forEach((pair, i) => {
    const v = verdicts[i];
    const proven = !v.equivalent && v.method !== 'undecided';
    const own = byClass.get(pair.class) ?? empty();
    byClass.set(pair.class, own);
    for (const score of [overall, own]) {
      score.pairs++;
      if (v.equivalent === pair.equivalent) score.agreeing++;
      if (v.equivalent && !pair.equivalent) score.falseEquivalent++;
      if (proven) score.provenDifferent++;
      if (proven && pair.equivalent) score.wronglyDifferent++;
    }
  });
  return { byClass, overall };
}
