/** The last `count` lines of a log, without the trailing newline; blank lines at the end are dropped. */
export function tailLines(text: string, count: number): string {
  const lines = text.replace(/\s+$/, '').split('\n');
  return lines.slice(Math.max(0, lines.length - count)).join('\n');
}
