import { braceGroupEnd } from './brace-group-end';
import { readCommaNumber } from './read-comma-number';
import { statedValue } from './stated-value';
import { undoubleBackslashes } from './undouble-backslashes';
import { UNIT_WORDS } from './unit-words';

/** An answer after LaTeX normalisation. */
export interface NormalizedAnswer {
  /** Canonical LaTeX: two answers that differ only in notation usually normalise to the same text. */
  text: string;
  /** The answer carried a percent sign (removed from text): its value may be text or text / 100. */
  percent: boolean;
  /** The answer carried a degree sign (removed from text): its value may be text or text · π / 180. */
  degrees: boolean;
  /**
   * Other texts the answer may stand for, compared only to find an equality: a decimal comma
   * (`3,5` is the values 3 and 5, or 3.5), a ratio (`2:3` as 2/3), the equation of a labelled
   * value (`y = 2x+1`), the exact side of an approximation.
   */
  alternatives: string[];
}

const FRAC_ALIASES = /\\(?:dfrac|tfrac|cfrac)(?![A-Za-z])/g;
const BINOM_ALIASES = /\\(?:dbinom|tbinom)(?![A-Za-z])/g;
const SIZING = /\\(?:left|right|[bB]igg?[lrm]?)(?![A-Za-z])\s*(\.)?/g;
// A negative thin space joins what it separates: `2,\!000` is 2000.
const NEGATIVE_SPACE = /\\!/g;
const STYLE = /\\(?:displaystyle|textstyle|scriptstyle|limits|nolimits)(?![A-Za-z])/g;
// `\\\\` (a matrix row break) is matched first so that its second backslash is not read as `\ `.
const SPACING = /\\\\|\\(?:quad|qquad|enspace|thinspace|medspace|thickspace|negthinspace)(?![A-Za-z])|\\[,:;> ]|~/g;
// Wrappers whose content is the answer; a box inside an answer (`\boxed{5}`) is one of them.
const TEXT_COMMANDS = ['text', 'textbf', 'textit', 'textrm', 'textnormal', 'mbox', 'mathrm', 'mathbf', 'mathit', 'operatorname', 'hbox', 'boxed', 'fbox'];
const DEGREE = /\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|\\circ|\\degree(?![A-Za-z])|°/g;
const PERCENT = /\\%|%/g;
const SYMBOLS: [RegExp, string][] = [
  [/\\leq?(?![A-Za-z])|≤|\\leqslant(?![A-Za-z])/g, '\\le '],
  [/\\geq?(?![A-Za-z])|≥|\\geqslant(?![A-Za-z])/g, '\\ge '],
  [/\\neq?(?![A-Za-z])|≠/g, '\\ne '],
  [/\\lt(?![A-Za-z])/g, '<'],
  [/\\gt(?![A-Za-z])/g, '>'],
  [/∞|\\infinity(?![A-Za-z])/g, '\\infty '],
  [/π/g, '\\pi '],
  [/√/g, '\\sqrt'],
  [/×/g, '\\times '],
  [/·|⋅/g, '\\cdot '],
  [/÷/g, '\\div '],
  [/[−–]/g, '-'],
  [/±/g, '\\pm '],
  [/∪/g, '\\cup '],
  [/∩/g, '\\cap '],
  [/∅|\\varnothing(?![A-Za-z])/g, '\\emptyset '],
  [/\\lvert(?![A-Za-z])|\\rvert(?![A-Za-z])|\\vert(?![A-Za-z])|\\mid(?![A-Za-z])/g, '|'],
  [/\\lbrace(?![A-Za-z])/g, '\\{'],
  [/\\langle(?![A-Za-z])/g, '('],
  [/\\rangle(?![A-Za-z])/g, ')'],
  [/\\rbrace(?![A-Za-z])/g, '\\}'],
  [/\\colon(?![A-Za-z])/g, ':'],
  [/\\mathbb\s*\{\s*R\s*\}/g, '(-\\infty,\\infty)'],
  [/²/g, '^2'],
  [/³/g, '^3'],
  [/½/g, '\\frac{1}{2}'],
  [/⅓/g, '\\frac{1}{3}'],
  [/⅔/g, '\\frac{2}{3}'],
  [/¼/g, '\\frac{1}{4}'],
  [/¾/g, '\\frac{3}{4}'],
];
const TRIG = /\\(?:sin|cos|tan|sec|csc|cot)(?![A-Za-z])/;
const PERCENT_WORD = /(\d)\s*(?:per\s*cent(?:age)?|pct)\b\.?/g;
// Prose a model boxes along with its answer: "\text{The answer is } 12".
const ANSWER_PHRASE = /^(?:the\s+)?(?:final\s+)?answers?\s*(?:is|are|:)\s*/i;
const BOLD = /^\*\*(.*)\*\*$/;
const TRAILING_PUNCTUATION = /[.,;:]+$/;
const NO_SOLUTION = /^no\s+(?:real\s+)?solutions?$/i;
const RATIO = /^(\d+):(\d+)$/;
const DEGREE_WORD = /(\d)\s*degrees?\b/g;
const unitPattern = (words: string[]) =>
  new RegExp(`\\s*(?:(?:square|sq\\.?|cubic|cu\\.?)\\s+)?(?:${words.join('|')})(?:\\s*\\^\\s*\\{?[23]\\}?)?\\.?$`);
const UNIT = unitPattern(UNIT_WORDS.long);
const TEXT_UNIT = unitPattern([...UNIT_WORDS.long, ...UNIT_WORDS.short]);
const UNIT_POWER = /^\s*\^\s*(?:\{\s*[23]\s*\}|[23])/;
const CHOICE = /^\(?([A-E])\)?$/;
const REPEATING = /(\d*)\.(\d*)\\overline\{(\d+)\}/g;

/**
 * Rewrites an answer into canonical LaTeX (the "normalised" equivalence method): doubled
 * backslashes, fraction and binomial aliases, sizing and spacing commands, text wrappers and boxes,
 * units, currency, percent and degree signs and words, thousands separators and decimal commas,
 * "and" / "or" / ";" between values, repeating decimals, trailing decimal zeros, shorthand
 * arguments (`\frac12`, `\sqrt2`), Unicode symbols, and what a statement states (stated-value.ts:
 * labels, chains, approximations). Units are dropped, as MATH graders do, so "5 cm" and "5"
 * agree; percent and degree signs are dropped too but remembered for the value comparison.
 */
export function normalizeAnswer(raw: string): NormalizedAnswer {
  let s = stripMathDelimiters(undoubleBackslashes(raw.trim()));
  s = s.replace(/\\\$/g, ' ').replace(/\$/g, ' ');
  for (const [pattern, replacement] of SYMBOLS) s = s.replace(pattern, replacement);
  s = s.replace(FRAC_ALIASES, '\\frac').replace(BINOM_ALIASES, '\\binom');
  s = s.replace(SIZING, '').replace(STYLE, '').replace(NEGATIVE_SPACE, '').replace(SPACING, (m) => (m === '\\\\' ? m : ' '));
  s = unwrapText(s).trim().replace(BOLD, '$1').replace(ANSWER_PHRASE, '');
  s = s.replace(DEGREE_WORD, '$1^\\circ');
  // Inside a trigonometric function a degree sign is a conversion, not an alternative reading.
  if (TRIG.test(s)) s = s.replace(new RegExp(`(\\d+(?:\\.\\d+)?)\\s*(?:${DEGREE.source})`, 'g'), '{($1\\cdot\\frac{\\pi}{180})}');
  const withoutDegrees = s.replace(DEGREE, ' ');
  const degrees = withoutDegrees !== s;
  const withoutPercent = withoutDegrees.replace(PERCENT_WORD, '$1').replace(PERCENT, ' ');
  const percent = withoutPercent !== withoutDegrees;
  s = stripUnits(withoutPercent).trim().replace(TRAILING_PUNCTUATION, '').trim();
  if (NO_SOLUTION.test(s)) s = '\\emptyset';
  s = valueSeparatorsAsCommas(s).replace(/\{,\}/g, ',');
  const commaNumber = readCommaNumber(s);
  const alternatives: string[] = [];
  if (commaNumber?.list) alternatives.push(commaNumber.number);
  else if (commaNumber) s = commaNumber.number;
  s = s.replace(REPEATING, repeatingDecimal);
  s = braceArguments(s);
  // A bare one-character subscript gets braces, so "\log_2 8" keeps its meaning once spaces go.
  s = s.replace(/_\s*([A-Za-z0-9])/g, '_{$1}');
  s = canonicalDecimals(collapseSpaces(s));
  const choice = CHOICE.exec(s);
  if (choice) s = choice[1];
  const ratio = RATIO.exec(s);
  if (ratio) alternatives.push(`\\frac{${ratio[1]}}{${ratio[2]}}`);
  const stated = statedValue(s);
  return { text: stated.text, percent, degrees, alternatives: [...alternatives, ...stated.alternatives] };
}

/**
 * "6 and 8", "3 or 5", "1; 2; 3" list values like commas do ("2, 3, and 5" too). Between
 * inequalities "and" is an intersection, not a list: it is left alone there.
 */
function valueSeparatorsAsCommas(s: string): string {
  const words = /[<>]|\\[lg]e(?![A-Za-z])/.test(s) ? 'or' : 'and|or';
  return s.replace(new RegExp(`\\s*(?:,\\s*)?\\b(?:${words})\\b\\s*|\\s*;\\s*`, 'g'), ', ');
}

function stripMathDelimiters(s: string): string {
  for (const [open, close] of [['$$', '$$'], ['$', '$'], ['\\(', '\\)'], ['\\[', '\\]']]) {
    if (s.length >= open.length + close.length && s.startsWith(open) && s.endsWith(close)) {
      return s.slice(open.length, s.length - close.length).trim();
    }
  }
  return s;
}

/** `\text{...}` and friends become their content; a wrapper holding only units disappears. */
function unwrapText(s: string): string {
  const command = new RegExp(`\\\\(?:${TEXT_COMMANDS.join('|')})(?![A-Za-z])\\s*\\{`, 'g');
  let out = '';
  let from = 0;
  for (let m = command.exec(s); m; m = command.exec(s)) {
    const open = m.index + m[0].length;
    const end = braceGroupEnd(s, open);
    if (end < 0) break;
    const inner = unwrapText(s.slice(open, end));
    const onlyUnits = /\S/.test(out + s.slice(from, m.index)) && stripUnits(`1 ${inner}`, TEXT_UNIT) === '1';
    out += s.slice(from, m.index) + (onlyUnits ? ' ' : ` ${inner} `);
    from = end + 1;
    // "\text{ cm}^2" must not leave a dangling "^2" that would square the value.
    if (onlyUnits) from += UNIT_POWER.exec(s.slice(from))?.[0].length ?? 0;
    command.lastIndex = from;
  }
  return out + s.slice(from);
}

/**
 * Drops trailing unit words ("5 cm", "12 square feet", "3cm") but never the whole answer, and never
 * letters glued to a letter or command ("\sec", "xcm").
 */
function stripUnits(s: string, units: RegExp = UNIT): string {
  let t = s.trim();
  for (let m = units.exec(t); m && /\S/.test(t.slice(0, m.index)); m = units.exec(t)) {
    const separated = /^\s/.test(m[0]) || /[\d})\]]/.test(t[m.index - 1]);
    if (!separated) break;
    t = t.slice(0, m.index).trimEnd();
  }
  return t;
}

/** `\frac12` -> `\frac{1}{2}`, `\sqrt2` -> `\sqrt{2}`, `\frac{a}b` -> `\frac{a}{b}`. */
function braceArguments(s: string): string {
  const arity: Record<string, number> = { frac: 2, binom: 2, sqrt: 1 };
  let out = '';
  let i = 0;
  while (i < s.length) {
    const m = /^\\(frac|binom|sqrt)(?![A-Za-z])/.exec(s.slice(i));
    if (!m) {
      out += s[i++];
      continue;
    }
    out += `\\${m[1]}`;
    i += m[0].length;
    if (m[1] === 'sqrt') {
      const index = /^\s*\[/.exec(s.slice(i));
      if (index) {
        const close = s.indexOf(']', i);
        if (close < 0) break;
        out += `[${s.slice(i + index[0].length, close).trim()}]`;
        i = close + 1;
      }
    }
    for (let k = 0; k < arity[m[1]]; k++) {
      while (s[i] === ' ') i++;
      if (s[i] === '{') {
        const end = braceGroupEnd(s, i + 1);
        if (end < 0) return out + s.slice(i);
        out += `{${braceArguments(s.slice(i + 1, end))}}`;
        i = end + 1;
      } else if (s[i] === '\\') {
        const name = /^\\[A-Za-z]+|^\\./.exec(s.slice(i))?.[0] ?? '\\';
        out += `{${name}}`;
        i += name.length;
      } else if (i < s.length) {
        out += `{${s[i]}}`;
        i++;
      }
    }
  }
  return out;
}

/** Whitespace goes, except one space where it separates a command or letter from a following letter. */
function collapseSpaces(s: string): string {
  return s
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/ (?![A-Za-z])|(?<![A-Za-z]) /g, '');
}

/** `2.50` -> `2.5`, `3.0` -> `3`, `.5` -> `0.5`, `007` stays (it may be a code, not a number). */
function canonicalDecimals(s: string): string {
  return s
    .replace(/(^|[^\d.])\.(\d)/g, '$10.$2')
    .replace(/(\d)\.(\d*?)0+(?![\d.])/g, (_, int: string, frac: string) => (frac === '' ? int : `${int}.${frac}`));
}

/** `0.\overline{3}` -> `\frac{1}{3}`, `1.2\overline{45}` -> its exact fraction. */
function repeatingDecimal(_: string, whole: string, fixed: string, period: string): string {
  const numerator = BigInt(whole + fixed + period) - BigInt(whole + fixed || '0');
  const denominator = BigInt('9'.repeat(period.length) + '0'.repeat(fixed.length));
  return `\\frac{${numerator}}{${denominator}}`;
}
