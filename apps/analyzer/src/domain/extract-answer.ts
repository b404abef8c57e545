import { braceGroupEnd } from './brace-group-end';

/** What extraction found in one solution text. */
export interface Extraction {
  /** True when a closed box with non-blank content exists. */
  found: boolean;
  /** The content of the last closed box, braces balanced, trimmed; empty when found is false. */
  answer: string;
}

// `\boxed` and `\fbox`, with or without whitespace before the brace, but not `\boxedfoo`.
const BOX = /\\(?:boxed|fbox)(?![A-Za-z])\s*\{/g;

/**
 * The answer of a sample (AERO-SPEC 2.3): the content of its last closed `\boxed{...}` (or `\fbox{...}`),
 * found with brace matching so nested braces survive. "Last" means the box that opens last among
 * those that close, so a truncated final box falls back to an earlier closed one and a box nested in
 * another yields the inner content. Escaped braces (`\{`, `\}`) are content, not structure. A box
 * whose content is blank carries no answer and counts as a parse failure, like a missing box.
 */
export function extractAnswer(text: string): Extraction {
  const opens = [...text.matchAll(BOX)].map((m) => m.index + m[0].length);
  for (let i = opens.length - 1; i >= 0; i--) {
    const end = braceGroupEnd(text, opens[i]);
    if (end < 0) continue;
    const answer = text.slice(opens[i], end).trim();
    return answer === '' ? { found: false, answer: '' } : { found: true, answer };
  }
  return { found: false, answer: '' };
}
