/**
 * A service started through runService, for tests of what runService itself does with a real
 * process: ExtractAnswer answers the text upper-cased.
 */
import { z } from 'zod';
import { AnalyzerServiceService, ExtractAnswerResponse } from '@aero/contracts';
import { defineService } from '../grpc-service';
import { unary } from '../rpc-method';
import { exitOnStartupError, runService } from '../run-service';

const echo = defineService(AnalyzerServiceService, {
  extractAnswer: unary(z.object({ text: z.string() }), async (request) => ExtractAnswerResponse.fromPartial({ found: true, answer: request.text.toUpperCase() })),
});

runService({ name: 'analyzer', build: async () => ({ services: [echo] }) }).catch(exitOnStartupError);
