import { z } from 'zod';
import {
  FinishReason,
  GenerateResponse,
  InferenceGatewayServiceService,
  type GenerateRequest,
} from '@aero/contracts';
import { createLogger, defineService, startServer, unary, type RunningServer } from '@aero/service-kit';

export interface RecordedGenerate {
  request: GenerateRequest;
  deadline?: Date;
}

/** Texts for the n choices of one request; throw an RpcError to fail the call. */
export type GatewayScript = (request: GenerateRequest) => string[];

export interface RecordingGateway {
  address: string;
  calls: RecordedGenerate[];
  /** Replaces the script for the calls that follow. */
  script(next: GatewayScript): void;
  stop(): Promise<void>;
}

/**
 * A scripted aero.v1.InferenceGatewayService on a real socket: synth's tests see every Generate
 * request it sends (prompt, n, role, sampling, deadline) and choose what the "model" answers.
 * Token counts are one per character, as with the embedded engine's character tokenizer.
 */
export async function startRecordingGateway(initial: GatewayScript): Promise<RecordingGateway> {
  const calls: RecordedGenerate[] = [];
  let current = initial;
  const service = defineService(InferenceGatewayServiceService, {
    generate: unary(z.any(), async (request: GenerateRequest, ctx) => {
      calls.push({ request, deadline: ctx.deadline });
      const texts = current(request);
      const prompt = request.messages.map((m) => m.content).join('');
      const completion = texts.reduce((sum, text) => sum + text.length, 0);
      return GenerateResponse.fromPartial({
        choices: texts.map((text, index) => ({
          index,
          text,
          finish_reason: FinishReason.FINISH_REASON_STOP,
          completion_tokens: text.length,
        })),
        usage: { prompt_tokens: prompt.length, completion_tokens: completion, total_tokens: prompt.length + completion },
        model: 'aero_model',
        instance_id: 'recording-0',
      });
    }),
  });
  const server: RunningServer = await startServer({
    services: [service],
    host: '127.0.0.1',
    port: 0,
    log: createLogger({ test: 'recording-gateway' }, 'error', () => undefined),
  });
  return {
    address: `127.0.0.1:${server.port}`,
    calls,
    script: (next) => (current = next),
    stop: () => server.shutdown(1000),
  };
}
