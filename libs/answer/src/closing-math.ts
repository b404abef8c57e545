// Delimiter pairs of a formula, closing delimiter first; `$$` before `$`, which it contains.
const DELIMITERS: [string, string][] = [['$$', '$$'], ['$', '$'], ['\\]', '\\['], ['\\)', '\\(']];
const TRAILING = new Set([' ', '\t', '\n', '\r', '.', '!', ',', ';']);

/**
 * The content of the formula that ends `text` (trailing spaces and punctuation aside), as in
 * "... the probability is $\frac{3}{8}$."; null when the text does not end with a closed formula
 * or the formula is blank.
 */
export function closingMath(text: string): string | null {
  let end = text.length;
  while (end > 0 && TRAILING.has(text[end - 1])) end--;
  for (const [close, open] of DELIMITERS) {
    if (!text.startsWith(close, end - close.length)) continue;
    const start = text.lastIndexOf(open, end - close.length - open.length);
    if (start < 0) return null;
    const content = text.slice(start + open.length, end - close.length).trim();
    return content === '' || content.includes('$') ? null : content;
  }
  return null;
}
