import { evaluateArithmetic } from './arithmetic';
import { boxedAnswer } from './answer';

/** Exact integer value of an answer string, or undefined when it is not an integer expression. */
export function answerValue(answer: string): bigint | undefined {
  try {
    return evaluateArithmetic(answer.replace(/[,\s]/g, ''));
  } catch {
    return undefined;
  }
}

/** Ground truth check of a full solution text against the expected integer. */
export function isCorrectSolution(solution: string, expected: bigint): boolean {
  const boxed = boxedAnswer(solution);
  return boxed !== undefined && answerValue(boxed) === expected;
}
