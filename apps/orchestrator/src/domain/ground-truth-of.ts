import { evaluate } from 'mathjs';

// Only bare integer arithmetic reaches the evaluator: the embedded domain's questions look like
// "(12+3)*4-5". Anything else (natural-language production questions) has no known truth.
const ARITHMETIC = /^[0-9+\-*()\s]*[0-9][0-9+\-*()\s]*$/;
// mathjs reads "2 3", "2(3)" and ")(" as products; the domain never writes them, so they are not
// questions with a truth.
const IMPLICIT_PRODUCT = /\d\s+\d|\d\s*\(|\)\s*[\d(]/;

/**
 * The true answer of a question whose text is an integer arithmetic expression, as a decimal string;
 * undefined when the question is not one (or does not evaluate to a safe integer).
 */
export function groundTruthOf(question: string): string | undefined {
  const text = question.trim();
  if (text.length > 200 || !ARITHMETIC.test(text) || IMPLICIT_PRODUCT.test(text)) return undefined;
  let value: unknown;
  try {
    value = evaluate(text);
  } catch {
    return undefined;
  }
  return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : undefined;
}
