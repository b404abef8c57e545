import type { RolePrompts } from '@aero/prompts';
import type { AeroConfig } from './config-schema';

/**
 * Chat markup around one user turn and its answer, in tokens, at most, for every template in
 * CHAT_TEMPLATES (role markers, an empty think block, the end of the turn: 14 for Qwen3 without
 * thinking, 0 for the embedded engine).
 */
export const CHAT_MARKUP_TOKENS = 32;

export type TrainedRole = 'generator' | 'solver' | 'refiner';
export const TRAINED_ROLES: readonly TrainedRole[] = ['generator', 'solver', 'refiner'];

/** How long a role's prompt and answers can get, in tokens. */
export interface RoleBudget {
  /**
   * The prompt: the template's own text counted as UTF-8 bytes (a byte-level BPE token covers at
   * least one byte, a character-level one exactly one character) plus what its variables add: a
   * question is part of a generator output, a candidate is one solver sample.
   */
  prompt: number;
  /** The answer the engine is asked for (max_tokens). */
  served: number;
  /** The longest completion a training example of the role has (a solver example may be a refinement). */
  trained: number;
}

/**
 * Upper bounds on the length of every prompt, answer and training example of a run, from its token
 * budgets and the byte length of each role's prompt rendered with empty variables.
 */
export function roleBudgets(maxTokens: AeroConfig['aero']['max_tokens'], prompts: RolePrompts): Record<TrainedRole, RoleBudget> {
  const { generator, solver, refiner } = maxTokens;
  return {
    generator: { prompt: Buffer.byteLength(prompts.generator()), served: generator, trained: generator },
    solver: { prompt: Buffer.byteLength(prompts.solver('')) + generator, served: solver, trained: Math.max(solver, refiner) },
    refiner: { prompt: Buffer.byteLength(prompts.refiner('', '')) + generator + solver, served: refiner, trained: refiner },
  };
}

/**
 * An upper bound on the tokens of one training example (its chat markup included): each side is at
 * most its UTF-8 length and at most what the budgets allow any example of any role.
 */
export function exampleTokenBound(prompt: string, completion: string, budgets: Record<TrainedRole, RoleBudget>): number {
  const longestPrompt = Math.max(...TRAINED_ROLES.map((role) => budgets[role].prompt));
  const longestAnswer = Math.max(...TRAINED_ROLES.map((role) => budgets[role].trained));
  return CHAT_MARKUP_TOKENS + Math.min(Buffer.byteLength(prompt), longestPrompt) + Math.min(Buffer.byteLength(completion), longestAnswer);
}
