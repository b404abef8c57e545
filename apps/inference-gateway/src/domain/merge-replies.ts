import type { GenerateResponse } from '@aero/contracts';
import type { EngineReply } from './engine-reply';
import { finishReasonOf } from './finish-reason-of';

/**
 * One GenerateResponse from the replies of the engine requests of one call, in request order:
 * choices are renumbered 0..n-1 and token usage is summed over every request.
 */
export function mergeReplies(replies: readonly EngineReply[]): GenerateResponse {
  if (replies.length === 0) throw new RangeError('mergeReplies needs at least one reply');
  const choices = replies
    .flatMap((r) => r.choices)
    .map((c, index) => ({ index, text: c.text, finish_reason: finishReasonOf(c.finishReason), completion_tokens: 0 }));
  const prompt = replies.reduce((s, r) => s + r.promptTokens, 0);
  const completion = replies.reduce((s, r) => s + r.completionTokens, 0);
  const last = replies[replies.length - 1];
  return {
    choices,
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
    model: last.model,
    instance_id: last.instanceId,
  };
}
