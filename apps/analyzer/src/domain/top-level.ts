/** Where `pattern` (not anchored: it is tried at each position) matches in `s` outside every bracket, `\{ \}` included. */
export function topLevel(s: string, pattern: RegExp): { index: number; match: string }[] {
  const found: { index: number; match: string }[] = [];
  const sticky = new RegExp(pattern.source, 'y');
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (depth === 0) {
      sticky.lastIndex = i;
      const m = sticky.exec(s);
      if (m) {
        found.push({ index: i, match: m[0] });
        i += m[0].length - 1;
        continue;
      }
    }
    if (c === '\\') {
      if (s[i + 1] === '{') depth++;
      else if (s[i + 1] === '}') depth--;
      i++;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return found;
}

/** `s` cut at every top-level match of `pattern`, the matches left out. */
export function splitTopLevel(s: string, pattern: RegExp): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const { index, match } of topLevel(s, pattern)) {
    parts.push(s.slice(from, index));
    from = index + match.length;
  }
  parts.push(s.slice(from));
  return parts;
}
