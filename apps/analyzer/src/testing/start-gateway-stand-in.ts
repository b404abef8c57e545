import { z } from 'zod';
import { GenerateResponse, InferenceGatewayServiceService, type GenerateRequest } from '@aero/contracts';
import { createLogger, defineService, startServer, unary } from '@aero/service-kit';

export interface GatewayStandIn {
  address: string;
  /** Every Generate request received, in order. */
  requests: GenerateRequest[];
  stop(): Promise<void>;
}

/**
 * A stand-in inference gateway for judge tests: a real gRPC server on a free loopback port that
 * serves Generate only, records each request and answers with `reply` (or fails with what it throws).
 * The real gateway is another service; this checks the analyzer up to the exact contract it calls.
 */
export async function startGatewayStandIn(reply: (request: GenerateRequest) => string | Promise<string>): Promise<GatewayStandIn> {
  const requests: GenerateRequest[] = [];
  const service = defineService(InferenceGatewayServiceService, {
    generate: unary(z.custom<GenerateRequest>(), async (request) => {
      requests.push(request);
      const text = await reply(request);
      return GenerateResponse.fromPartial({
        choices: [{ index: 0, text, completion_tokens: text.length }],
        usage: { prompt_tokens: 1, completion_tokens: text.length, total_tokens: 1 + text.length },
        model: 'aero_model',
      });
    }),
  });
  const server = await startServer({ services: [service], host: '127.0.0.1', port: 0, log: createLogger({ test: 'gateway-stand-in' }, 'error', () => undefined) });
  return { address: `127.0.0.1:${server.port}`, requests, stop: () => server.shutdown(1000) };
}
