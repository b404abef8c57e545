/** Content of the last `\boxed{...}` with nested braces matched; undefined when none is closed. */
export function extractBoxed(text: string): string | undefined {
  const marker = '\\boxed{';
  let start = text.lastIndexOf(marker);
  while (start >= 0) {
    let depth = 1;
    for (let i = start + marker.length; i < text.length; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) return text.slice(start + marker.length, i);
    }
    start = start === 0 ? -1 : text.lastIndexOf(marker, start - 1);
  }
  return undefined;
}
