/**
 * A server holding 40 calls in flight at once, run as its own process by start-server.spec.ts:
 * Node prints a MaxListenersExceededWarning to stderr of the real process, which jest's sandbox
 * cannot observe.
 */
import { z } from 'zod';
import { AnalyzerServiceClient, AnalyzerServiceService, EquivalenceMethod } from '@aero/contracts';
import { connect } from '../connect';
import { unaryCall } from '../call';
import { defineService } from '../grpc-service';
import { createLogger } from '../logger';
import { unary } from '../rpc-method';
import { startServer } from '../start-server';

const slow = defineService(AnalyzerServiceService, {
  checkEquivalence: unary(z.object({ a: z.string(), b: z.string() }), async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { equivalent: false, method: EquivalenceMethod.EQUIVALENCE_METHOD_UNDECIDED, cached: false };
  }),
});

async function main(): Promise<void> {
  const server = await startServer({ services: [slow], host: '127.0.0.1', port: 0, log: createLogger({}, 'error', () => undefined) });
  const client = connect(AnalyzerServiceClient, `127.0.0.1:${server.port}`);
  const calls = Array.from({ length: 40 }, () => unaryCall(client.checkEquivalence.bind(client), { a: '1', b: '2', allow_judge: false }));
  console.log(`${(await Promise.all(calls)).length} calls answered`);
  client.close();
  await server.shutdown();
}

void main();
