import type { PromptTemplates } from './load-templates';
import { renderPrompt } from './render-prompt';

/** The exact prompt of each role, rendered from one template set. */
export interface RolePrompts {
  generator(): string;
  solver(question: string): string;
  refiner(question: string, candidate: string): string;
  judge(a: string, b: string): string;
}

/**
 * Binds a template set to the variables each role takes, so every caller renders a role's prompt
 * the same way (the prompt recorded with an output is the one that produced it).
 */
export function rolePrompts(templates: PromptTemplates): RolePrompts {
  return {
    generator: () => renderPrompt(templates.generator, {}),
    solver: (question) => renderPrompt(templates.solver, { question }),
    refiner: (question, candidate) => renderPrompt(templates.refiner, { question, candidate }),
    judge: (a, b) => renderPrompt(templates.judge, { a, b }),
  };
}
