import { z } from 'zod';
import { FinishReason, SynthServiceService, type RefineRequest, type RefineResponse } from '@aero/contracts';
import { createLogger, defineService, startServer, unary } from '@aero/service-kit';

/** The refinement text and its extracted answer (undefined: no boxed answer) for one Refine call. */
export type RefineScript = (request: RefineRequest) => { text: string; answer?: string };

export interface ScriptedSynth {
  address: string;
  calls: RefineRequest[];
  script(next: RefineScript): void;
  stop(): Promise<void>;
}

/**
 * A scripted aero.v1.SynthService on a real socket, for the verifier's tests: it records every
 * Refine request (what the refiner was shown) and answers what the script says, with a prompt built
 * the way the embedded refiner template renders it.
 */
export async function startScriptedSynth(initial: RefineScript): Promise<ScriptedSynth> {
  const calls: RefineRequest[] = [];
  let current = initial;
  const service = defineService(SynthServiceService, {
    refine: unary(z.any(), async (request: RefineRequest): Promise<RefineResponse> => {
      calls.push(request);
      const { text, answer } = current(request);
      return {
        prompt: `Solve ${request.question}\nSuspect:\n${request.candidate}\nRedo:\n`,
        refinement: {
          index: 0,
          text,
          answer: answer ?? '',
          parsed: answer !== undefined,
          finish_reason: FinishReason.FINISH_REASON_STOP,
          completion_tokens: text.length,
        },
        usage: { prompt_tokens: 0, completion_tokens: text.length, total_tokens: text.length },
      };
    }),
  });
  const server = await startServer({
    services: [service],
    host: '127.0.0.1',
    port: 0,
    log: createLogger({ test: 'scripted-synth' }, 'error', () => undefined),
  });
  return {
    address: `127.0.0.1:${server.port}`,
    calls,
    script: (next) => (current = next),
    stop: () => server.shutdown(1000),
  };
}
