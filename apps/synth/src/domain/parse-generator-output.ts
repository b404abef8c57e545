import type { QuestionMeta } from '@aero/contracts';

export interface ParsedGeneratorOutput {
  /** The question text given to the solver. */
  text: string;
  meta: QuestionMeta;
  /** True when a JSON object with a non-empty "question" string was found. */
  parsed: boolean;
}

const EMPTY_META: QuestionMeta = { knowledge_points: [], domain: '', background: '' };

/**
 * Reads a generator output (AERO-SPEC 2.1): the first JSON object with a non-empty "question"
 * string, wherever it sits (alone, in a code fence, inside prose); otherwise the trimmed raw text
 * is the question. An output that is empty after trimming yields undefined (the question is dropped).
 */
export function parseGeneratorOutput(raw: string): ParsedGeneratorOutput | undefined {
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  for (const candidate of jsonObjectCandidates(trimmed)) {
    const question = questionOf(candidate);
    if (question) return question;
  }
  return { text: trimmed, meta: EMPTY_META, parsed: false };
}

function questionOf(source: string): ParsedGeneratorOutput | undefined {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value.question !== 'string' || value.question.trim() === '') return undefined;
  const meta = isRecord(value.meta) ? value.meta : {};
  return {
    text: value.question.trim(),
    meta: {
      knowledge_points: Array.isArray(meta.knowledge_points)
        ? meta.knowledge_points.filter((p): p is string => typeof p === 'string')
        : [],
      domain: typeof meta.domain === 'string' ? meta.domain : '',
      background: typeof meta.background === 'string' ? meta.background : '',
    },
    parsed: true,
  };
}

/**
 * Every balanced `{...}` span, outermost first in text order. Braces inside JSON strings do not
 * count, so a question such as "find {x | x > 2}" does not cut its object short.
 */
function* jsonObjectCandidates(text: string): Generator<string> {
  for (let start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
    const end = matchingBrace(text, start);
    if (end >= 0) yield text.slice(start, end + 1);
  }
}

function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
    } else if (ch === '{') {
      depth++;
    } else if (ch === '}' && --depth === 0) {
      return i;
    }
  }
  return -1;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
