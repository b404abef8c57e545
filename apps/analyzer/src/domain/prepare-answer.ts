import type { Answer } from './answer';
import { normalizeAnswer } from './normalize-answer';
import { parseAnswer } from './parse-answer';

/** An answer with the work every comparison needs done once: its normalised text and structure. */
export interface PreparedAnswer {
  raw: string;
  normalized: string;
  parsed: Answer;
  /** Other structures the answer may stand for (normalize-answer.ts, alternatives); none that parse to mere text. */
  alternatives: Answer[];
}

// Normalisation runs regular expressions that may backtrack on a long adversarial text; an answer
// longer than this is compared as written (identical or undecided).
const MAX_CHARS = 2000;
// Every alternative of one answer is compared with every alternative of the other: a chain of a
// hundred approximations would be ten thousand comparisons. Answers have one or two.
const MAX_ALTERNATIVES = 4;

export function prepareAnswer(raw: string): PreparedAnswer {
  if (raw.length > MAX_CHARS) return { raw, normalized: raw, parsed: { kind: 'text', text: raw }, alternatives: [] };
  const normalized = normalizeAnswer(raw);
  const alternatives = normalized.alternatives
    .map((text) => parseAnswer({ ...normalized, text }))
    .filter((a) => a.kind !== 'text')
    .slice(0, MAX_ALTERNATIVES);
  return { raw, normalized: normalized.text, parsed: parseAnswer(normalized), alternatives };
}
