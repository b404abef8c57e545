// A relative import rather than the @aero/prompts alias: tsx resolves aliases from the tsconfig in
// the current directory, and the engine must run from any directory.
import { loadTemplates, PromptTemplates, renderPrompt } from '../../../../libs/prompts/src';

export function embeddedTemplates(): PromptTemplates {
  return loadTemplates('embedded');
}

export { renderPrompt };
