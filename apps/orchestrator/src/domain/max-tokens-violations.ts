import type { AeroConfig } from '@aero/config';
import type { FieldViolation } from '@aero/service-kit';

/**
 * Token budgets of a run that no request could meet: the engine refuses a max_tokens at or above
 * its context (engine.max_model_len), so such a run would only collect refusals (every question
 * refused, 0% accuracy) instead of failing. Checked at StartRun, each named by its config key.
 */
export function maxTokensViolations(config: AeroConfig): FieldViolation[] {
  const context = config.engine.max_model_len;
  const budgets: [string, number][] = [
    ...Object.entries(config.aero.max_tokens).map(([role, tokens]): [string, number] => [`aero.max_tokens.${role}`, tokens]),
    ['evaluation.max_tokens', config.evaluation.max_tokens],
  ];
  return budgets
    .filter(([, tokens]) => tokens >= context)
    .map(([key, tokens]) => ({
      field: key,
      description: `${tokens} must be below engine.max_model_len (${context}): the prompt and the answer share the context`,
    }));
}
