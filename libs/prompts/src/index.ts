export { PROMPT_ROLES, PROMPT_PROFILES, loadTemplates } from './load-templates';
export type { PromptRole, PromptProfile, PromptTemplates } from './load-templates';
export { renderPrompt } from './render-prompt';
export { rolePrompts, type RolePrompts } from './role-prompts';
