import { evaluateArithmetic } from './evaluate-arithmetic';

/**
 * The true answer of a question whose whole text is an integer arithmetic expression (the embedded
 * domain's questions look like "7+5-3+8"), as a decimal string; undefined for any other question
 * (natural-language production questions have no known truth).
 */
export function groundTruthOf(question: string): string | undefined {
  try {
    return evaluateArithmetic(question.trim()).toString();
  } catch {
    return undefined;
  }
}
