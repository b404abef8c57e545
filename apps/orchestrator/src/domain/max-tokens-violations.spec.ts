import { configSchema } from '@aero/config';
import { maxTokensViolations } from './max-tokens-violations';

describe('maxTokensViolations', () => {
  const config = (maxTokens: Record<string, number>, evaluation: number) =>
    configSchema.parse({ engine: { max_model_len: 256 }, aero: { max_tokens: maxTokens }, evaluation: { max_tokens: evaluation } });

  it('accepts budgets below the context', () => {
    expect(maxTokensViolations(config({ generator: 144, solver: 96, refiner: 96, judge: 16 }, 255))).toEqual([]);
  });

  it('names every budget at or above the context', () => {
    const violations = maxTokensViolations(config({ generator: 100, solver: 256, refiner: 96, judge: 300 }, 256));
    expect(violations.map((v) => v.field)).toEqual(['aero.max_tokens.solver', 'aero.max_tokens.judge', 'evaluation.max_tokens']);
    expect(violations[0].description).toBe('256 must be below engine.max_model_len (256): the prompt and the answer share the context');
  });
});
