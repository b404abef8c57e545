import { z } from 'zod';
import { CheckEquivalenceResponse } from '@aero/contracts';
import { unary } from '@aero/service-kit';
import type { EquivalenceChecker } from '../domain/equivalence-checker';
import { LIMITS } from './limits';
import { toEquivalenceMethod } from './to-equivalence-method';

const answer = z.string().min(1, 'must not be empty').max(LIMITS.answerChars);
const schema = z.object({ a: answer, b: answer, allow_judge: z.boolean() });

/** CheckEquivalence; the judge runs only when the request allows it and the deployment enables it. */
export function checkEquivalenceMethod(deps: { checker: EquivalenceChecker; judgeEnabled: boolean }) {
  return unary(schema, async (request, ctx) => {
    const v = await deps.checker.check(request.a, request.b, {
      allowJudge: request.allow_judge && deps.judgeEnabled,
      signal: ctx.signal,
      deadline: ctx.deadline,
    });
    return CheckEquivalenceResponse.fromPartial({ equivalent: v.equivalent, method: toEquivalenceMethod(v.method), cached: v.cached });
  });
}
