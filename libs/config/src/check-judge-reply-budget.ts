import type { z } from 'zod';

/** The longest verdict a judge gives (AERO-SPEC 1), as the production judge template asks for it; the embedded model writes it without the space. */
export const LONGEST_VERDICT = '{"equivalent": false}';

/**
 * Tokens a judge needs for its verdict and the end of its turn: a token covers at least one UTF-8
 * byte (byte-level BPE) or exactly one character (the embedded engine's vocabulary), so the
 * verdict's byte length bounds its tokens, and one more token ends the turn.
 */
export const JUDGE_REPLY_TOKENS = Buffer.byteLength(LONGEST_VERDICT) + 1;

type JudgeSettings = { judge: { enabled: boolean }; aero: { max_tokens: { judge: number } } };

/**
 * Start-up check of the config (config-schema.ts): with the judge enabled, aero.max_tokens.judge
 * must hold a whole verdict, or the engine cuts every reply short and the judge decides nothing.
 */
export function checkJudgeReplyBudget(config: JudgeSettings, ctx: z.RefinementCtx<JudgeSettings>): void {
  const budget = config.aero.max_tokens.judge;
  if (!config.judge.enabled || budget >= JUDGE_REPLY_TOKENS) return;
  ctx.addIssue({
    code: 'custom',
    path: ['aero', 'max_tokens', 'judge'],
    message: `${budget} cannot hold a verdict: with judge.enabled it must be at least ${JUDGE_REPLY_TOKENS} (${LONGEST_VERDICT} and the end of the turn)`,
  });
}
