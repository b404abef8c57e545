import type { Answer } from './answer';
import { normalizeAnswer } from './normalize-answer';
import { parseAnswer } from './parse-answer';

/** An answer with the work every comparison needs done once: its normalised text and structure. */
export interface PreparedAnswer {
  raw: string;
  normalized: string;
  parsed: Answer;
}

export function prepareAnswer(raw: string): PreparedAnswer {
  const normalized = normalizeAnswer(raw);
  return { raw, normalized: normalized.text, parsed: parseAnswer(normalized) };
}
