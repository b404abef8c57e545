// The engine's one door to libs/answer (the one owner of answer extraction). A relative import
// rather than the @aero/answer alias, for the reason given in corpus/embedded-templates.ts.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { extractAnswer } from '../../../../libs/answer/src';

/** The answer of a solution as the embedded profile reads it (strict: the last closed box). */
export function boxedAnswer(text: string): string | undefined {
  const { found, answer } = extractAnswer(text, 'strict');
  return found ? answer : undefined;
}
