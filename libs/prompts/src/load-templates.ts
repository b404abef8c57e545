import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const PROMPT_ROLES = ['generator', 'solver', 'refiner', 'judge'] as const;
export type PromptRole = (typeof PROMPT_ROLES)[number];
export const PROMPT_PROFILES = ['embedded', 'production'] as const;
export type PromptProfile = (typeof PROMPT_PROFILES)[number];
export type PromptTemplates = Record<PromptRole, string>;

const DEFAULT_DIR = path.resolve(__dirname, '../templates');

/**
 * Reads `<dir>/<profile>/<role>.txt` byte for byte: a template's trailing newline is part of the
 * prompt (the embedded model was trained on exactly these strings).
 */
export function loadTemplates(profile: PromptProfile, dir: string = DEFAULT_DIR): PromptTemplates {
  if (!PROMPT_PROFILES.includes(profile)) throw new Error(`unknown prompt profile ${JSON.stringify(profile)}`);
  const entries = PROMPT_ROLES.map((role) => {
    const file = path.join(dir, profile, `${role}.txt`);
    if (!existsSync(file)) throw new Error(`prompt template not found: ${file}`);
    return [role, readFileSync(file, 'utf8')] as const;
  });
  return Object.fromEntries(entries) as PromptTemplates;
}
