// "Final Answer", "Answer:", a line that opens with "Answer"; and the weaker "the answer is", which
// prose also uses for other things ("the answer is independent of r").
const MARKER = /final\s+answer(?:\s+is\b)?|\banswer\s*:|^[ \t>#*_-]*answer\b|(?<weak>\banswers?\s+(?:is|are)\b)/gim;
const LEADING = /^(?:[\s*_#:=]|is\b)+/;
const MATH_OPENERS: [string, string][] = [['$$', '$$'], ['$', '$'], ['\\[', '\\]'], ['\\(', '\\)']];
const BOX = /\\(?:boxed|fbox)(?![A-Za-z])/;
// Prose around a value: "The largest n is 34" states 34, "There are 12 ways" states 12 ways.
const COPULA = /\s(?:is|are|equals)\s/g;
const CHOICE = /^\(?[A-E]\)?$/;

/**
 * The answer stated after the last final-answer marker, and where that marker starts. The marker
 * is followed by a formula (its content is the answer) or by a sentence: its last formula, or the
 * words after its last "is" / "are". A sentence without a formula counts only on the last line of
 * the text (a closing statement, not "the answer: first compute ..." midway) and when it looks
 * like a value: a digit or a command in at most eight words; after a strong marker also at most
 * two words ("Monday", "no solution"), after "the answer is" only a choice letter ("B"), so that
 * "the answer is independent of r" or "... is right" state nothing. A box after the marker is a
 * box group's business (box-groups.ts): null then.
 */
export function markedAnswer(text: string): { start: number; answer: string } | null {
  let last: RegExpExecArray | undefined;
  for (const m of text.matchAll(MARKER)) last = m;
  if (!last) return null;
  const rest = text.slice(last.index + last[0].length).replace(LEADING, '');
  const onLastLine = text.length - rest.length > text.trimEnd().lastIndexOf('\n');
  const formula = leadingFormula(rest);
  const sentence = formula === null ? firstSentence(rest) : '';
  const answer = formula ?? (onLastLine || sentence.includes('$') ? sentenceValue(sentence, last.groups?.weak === undefined) : null);
  if (answer === null || answer === '' || BOX.test(answer)) return null;
  return { start: last.index, answer };
}

function leadingFormula(rest: string): string | null {
  for (const [open, close] of MATH_OPENERS) {
    if (!rest.startsWith(open)) continue;
    const end = rest.indexOf(close, open.length);
    return end < 0 ? null : rest.slice(open.length, end).trim();
  }
  return null;
}

/** Up to the first line break, or the first ". " / "! " / "? " outside a formula. */
function firstSentence(rest: string): string {
  let inMath = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '\n') return rest.slice(0, i);
    if (c === '$') inMath = !inMath;
    else if (!inMath && (c === '.' || c === '!' || c === '?') && (i + 1 === rest.length || /\s/.test(rest[i + 1]))) return rest.slice(0, i);
  }
  return rest;
}

function sentenceValue(sentence: string, strong: boolean): string | null {
  const formulas = [...sentence.matchAll(/\$([^$]+)\$/g)];
  if (formulas.length > 0) return formulas[formulas.length - 1][1].trim();
  const plain = sentence.replace(/\*+/g, ' ').trim();
  const copula = [...plain.matchAll(COPULA)].at(-1);
  const value = copula ? plain.slice(copula.index + copula[0].length).trim() : plain;
  const words = value.split(/\s+/).length;
  if (/[\d\\]/.test(value)) return words <= 8 ? value : null;
  return (strong && words <= 2) || CHOICE.test(value) ? value : null;
}
