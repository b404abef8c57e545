import { ConfigError } from './config-error';
import { configSchema } from './config-schema';
import { JUDGE_REPLY_TOKENS, LONGEST_VERDICT } from './check-judge-reply-budget';

const parse = (judge: { enabled: boolean }, maxTokens: number) => configSchema.safeParse({ judge, aero: { max_tokens: { judge: maxTokens } } });

describe('checkJudgeReplyBudget (run where the config is validated)', () => {
  it('bounds the verdict by its UTF-8 length plus the end of the turn', () => {
    expect(JUDGE_REPLY_TOKENS).toBe(LONGEST_VERDICT.length + 1);
    expect(JUDGE_REPLY_TOKENS).toBe(22);
  });

  it('rejects a judge budget that would cut every verdict, naming the key', () => {
    const result = parse({ enabled: true }, 16);
    if (result.success) throw new Error('a budget of 16 was accepted');
    const error = ConfigError.fromZod(result.error, 'config.yaml');
    expect(error.keys).toEqual(['aero.max_tokens.judge']);
    expect(error.message).toMatch(/at least 22/);
  });

  it('accepts a budget that holds the verdict, and any budget while the judge is off', () => {
    expect(parse({ enabled: true }, JUDGE_REPLY_TOKENS).success).toBe(true);
    expect(parse({ enabled: false }, 16).success).toBe(true);
  });
});
