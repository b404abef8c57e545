/**
 * A server holding 40 calls in flight at once, and one call whose handler fans its signal out to
 * 40 dependency calls at once, run as its own process by start-server.spec.ts: Node prints a
 * MaxListenersExceededWarning to stderr of the real process, which jest's sandbox cannot observe.
 */
import { z } from 'zod';
import { AnalyzerServiceClient, AnalyzerServiceService, EquivalenceMethod } from '@aero/contracts';
import { connect } from '../connect';
import { unaryCall } from '../call';
import { defineService } from '../grpc-service';
import { createLogger } from '../logger';
import { unary } from '../rpc-method';
import { startServer } from '../start-server';

const CALLS = 40;
let client: AnalyzerServiceClient;
const slowCall = (signal?: AbortSignal) => unaryCall(client.checkEquivalence.bind(client), { a: '1', b: '2', allow_judge: false }, { signal });

const slow = defineService(AnalyzerServiceService, {
  checkEquivalence: unary(z.object({ a: z.string(), b: z.string() }), async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { equivalent: false, method: EquivalenceMethod.EQUIVALENCE_METHOD_UNDECIDED, cached: false };
  }),
  extractAnswers: unary(z.object({ texts: z.array(z.string()) }), async (request, ctx) => {
    await Promise.all(request.texts.map(() => slowCall(ctx.signal)));
    return { answers: request.texts.map(() => ({ found: false, answer: '' })) };
  }),
});

async function main(): Promise<void> {
  const server = await startServer({ services: [slow], host: '127.0.0.1', port: 0, log: createLogger({}, 'error', () => undefined) });
  client = connect(AnalyzerServiceClient, `127.0.0.1:${server.port}`);
  const answered = (await Promise.all(Array.from({ length: CALLS }, () => slowCall()))).length;
  const fanned = (await unaryCall(client.extractAnswers.bind(client), { texts: Array(CALLS).fill('x') })).answers.length;
  console.log(`${answered} calls answered; one call fanned out to ${fanned}`);
  client.close();
  await server.shutdown();
}

void main();
