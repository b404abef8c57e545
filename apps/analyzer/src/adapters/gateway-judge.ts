import { GenerateRequest, Role, type InferenceGatewayServiceClient } from '@aero/contracts';
import { renderPrompt } from '@aero/prompts';
import { unaryCall } from '@aero/service-kit';
import type { Judge } from '../domain/equivalence-checker';
import { parseJudgeReply } from '../domain/parse-judge-reply';

export interface GatewayJudgeOptions {
  client: InferenceGatewayServiceClient;
  /** The judge role template (libs/prompts), with {{a}} and {{b}}. */
  template: string;
  temperature: number;
  maxTokens: number;
}

/**
 * The model judge (AERO-SPEC 1, judge role) through the inference gateway: one Generate request with
 * n = 1 per undecided pair, under the caller's deadline and cancellation. A gateway failure reaches
 * the caller as its gRPC status; a reply without a verdict is null.
 */
export function gatewayJudge(options: GatewayJudgeOptions): Judge {
  const { client, template, temperature, maxTokens } = options;
  return async (a, b, call) => {
    const request = GenerateRequest.fromPartial({
      messages: [{ role: 'user', content: renderPrompt(template, { a, b }) }],
      n: 1,
      temperature,
      max_tokens: maxTokens,
      role: Role.ROLE_JUDGE,
    });
    const response = await unaryCall(client.generate.bind(client), request, call);
    const text = response.choices[0]?.text;
    return text === undefined ? null : parseJudgeReply(text);
  };
}
