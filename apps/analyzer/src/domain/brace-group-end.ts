/**
 * Index of the `}` closing the brace group whose content starts at `from`, or -1 when it never
 * closes. Escaped characters (`\{`, `\}`, `\\`) are content, not structure.
 */
export function braceGroupEnd(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}
