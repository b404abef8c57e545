// A relative import rather than the @aero/prompts alias: tsx resolves aliases from the tsconfig in
// the current directory, and the engine must run from any directory. This file is the engine's one
// door to libs/prompts, so the boundary rule's exception stays here.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { loadTemplates, PromptTemplates, renderPrompt } from '../../../../libs/prompts/src';

export function embeddedTemplates(): PromptTemplates {
  return loadTemplates('embedded');
}

export { renderPrompt };
export type { PromptTemplates };
