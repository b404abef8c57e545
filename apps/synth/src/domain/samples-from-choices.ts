import type { Choice, ExtractAnswerResponse, Sample } from '@aero/contracts';

/** The engine's choices as samples, each with its extracted answer (empty and unparsed when none). */
export function samplesFromChoices(choices: readonly Choice[], answers: readonly ExtractAnswerResponse[]): Sample[] {
  if (answers.length !== choices.length) throw new Error(`${answers.length} answers for ${choices.length} choices`);
  return choices.map((choice, i) => ({
    index: choice.index,
    text: choice.text,
    answer: answers[i].found ? answers[i].answer : '',
    parsed: answers[i].found,
    finish_reason: choice.finish_reason,
    completion_tokens: choice.completion_tokens,
  }));
}
