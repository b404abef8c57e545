import { scanBoxes } from './scan-boxes';

/**
 * The content of the last closed box, trimmed: "last" is the box that opens last among those that
 * close, so a truncated final box falls back to an earlier closed one and a box nested in another
 * yields the inner content. Null when no box closes or the last one is blank (a blank box states
 * no answer, like a missing one).
 */
export function strictAnswer(text: string): string | null {
  let last: { open: number; end: number } | undefined;
  for (const box of scanBoxes(text)) if (!last || box.open > last.open) last = box;
  const answer = last ? text.slice(last.open, last.end).trim() : '';
  return answer === '' ? null : answer;
}
