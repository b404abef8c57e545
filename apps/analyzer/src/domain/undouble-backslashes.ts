// A row break `\\` belongs in an environment (matrix, array, cases) written with single backslashes.
const SINGLE_BEGIN = /(?:^|[^\\])\\begin\{/;
// What an escaped backslash precedes: a command name, a brace, or an escaped symbol (`\\%`, `\\,`).
const DOUBLED = /\\\\(?=[A-Za-z{}%$,;:!])/g;

/**
 * Halves doubled backslashes before commands and escaped symbols (`\\frac{1}{2}`, `\\left(`,
 * `12\\%`: an answer escaped twice on its way, as JSON or a Python string), unless the answer holds
 * an environment written with single backslashes, where `\\` is a row break. A `\\` before a space
 * or a digit stays a line break.
 */
export function undoubleBackslashes(s: string): string {
  return SINGLE_BEGIN.test(s) ? s : s.replace(DOUBLED, '\\');
}
