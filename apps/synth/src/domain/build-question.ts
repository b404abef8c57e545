import type { Question } from '@aero/contracts';
import { parseGeneratorOutput } from './parse-generator-output';
import { questionId } from './question-id';

/**
 * The question a generator output yields, carrying the prompt and the raw output (the generator
 * example's prompt and completion); undefined for an empty output, which is dropped.
 */
export function buildQuestion(round: number, index: number, prompt: string, rawOutput: string): Question | undefined {
  const parsed = parseGeneratorOutput(rawOutput);
  if (!parsed) return undefined;
  return { id: questionId(round, index), text: parsed.text, meta: parsed.meta, parsed: parsed.parsed, prompt, raw_output: rawOutput, round, index };
}
