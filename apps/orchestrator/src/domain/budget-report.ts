import { CHAT_MARKUP_TOKENS, roleBudgets, TRAINED_ROLES, type AeroConfig, type TrainedRole } from '@aero/config';
import type { RolePrompts } from '@aero/prompts';
import type { FieldViolation } from '@aero/service-kit';

export interface BudgetReport {
  /** The longest request: a role's longest prompt with its chat markup and the answer it may get, in tokens. */
  served: { role: TrainedRole; tokens: number };
  /** The longest training example, in tokens. */
  trained: { role: TrainedRole; tokens: number };
  /** What does not fit: named by the config key to raise. */
  violations: FieldViolation[];
}

/**
 * Whether a config fits itself: every role's longest prompt (its template, a question as long as a
 * generator answer, a candidate as long as a solver answer) and its answer within the model's
 * context, and every training example within cutoff_len, so that no request is refused for its
 * length and LLaMA-Factory cuts no answer off. Checked for GPU engines; the embedded miniature's
 * contexts are smaller than its worst cases by design, and records a question that does not fit as
 * refused.
 */
export function budgetReport(config: AeroConfig, prompts: RolePrompts): BudgetReport {
  const budgets = roleBudgets(config.aero.max_tokens, prompts);
  const longest = (answer: 'served' | 'trained') => {
    const [role, tokens] = TRAINED_ROLES.map((r): [TrainedRole, number] => [r, CHAT_MARKUP_TOKENS + budgets[r].prompt + budgets[r][answer]]).reduce(
      (a, b) => (b[1] > a[1] ? b : a),
    );
    return { role, tokens };
  };
  const served = longest('served');
  const trained = longest('trained');
  const context = config.engine.max_model_len;
  const cutoff = config.training.kto.cutoff_len;
  const violations: FieldViolation[] = [];
  if (config.engine.backend !== 'embedded') {
    const { prompt } = budgets[served.role];
    if (served.tokens > context) {
      violations.push({
        field: 'engine.max_model_len',
        description: `a ${served.role} request needs up to ${served.tokens} tokens (prompt up to ${prompt}, answer ${budgets[served.role].served}, chat markup ${CHAT_MARKUP_TOKENS}), more than ${context}`,
      });
    }
    if (trained.tokens > cutoff) {
      violations.push({
        field: 'training.kto.cutoff_len',
        description: `a ${trained.role} example can be ${trained.tokens} tokens long, more than ${cutoff}: LLaMA-Factory would cut its end, where the \\boxed{} answer is`,
      });
    }
  }
  return { served, trained, violations };
}
