import { lenientAnswer } from './lenient-answer';
import { strictAnswer } from './strict-answer';

/**
 * How answers are read from a solution text:
 * - `strict` (embedded profile, whose model is trained to box every answer): the last closed box.
 * - `lenient` (production profile, chat models that also answer in prose): boxes, final-answer
 *   sentences and closing formulas, as answer verifiers of the field read them (lenient-answer.ts).
 */
export type ExtractionMode = 'strict' | 'lenient';

/** What extraction found in one solution text. */
export interface Extraction {
  /** True when the text states a non-blank answer the mode can read. */
  found: boolean;
  /** The answer as written (LaTeX, trimmed); empty when found is false. */
  answer: string;
}

const NOT_FOUND: Extraction = { found: false, answer: '' };

/**
 * The answer of a solution text (AERO-SPEC 2.3), in linear time: pure, no I/O, so the engine, the
 * analyzer and every tool read answers by the same rule.
 */
export function extractAnswer(text: string, mode: ExtractionMode): Extraction {
  const answer = mode === 'strict' ? strictAnswer(text) : lenientAnswer(text);
  return answer === null ? NOT_FOUND : { found: true, answer };
}
