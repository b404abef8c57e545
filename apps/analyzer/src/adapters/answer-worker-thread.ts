import { parentPort, workerData } from 'node:worker_threads';
import { extractAnswer } from '@aero/answer';
import { AnalyzeResponse } from '@aero/contracts';
import { CheapVerdicts } from '../domain/cheap-verdicts';
import type { AnswerMessage, AnswerRequest } from './answer-worker';

// The thread of answer-worker.ts. Its own cache of prepared answers lives here, with the work.
const verdicts = new CheapVerdicts((workerData as { cacheSize: number }).cacheSize);

parentPort?.on('message', (request: AnswerRequest) => {
  try {
    if (request.kind === 'encode') {
      const bytes = AnalyzeResponse.encode(request.response).finish();
      // Handed over, not copied: the bytes are as big as the samples.
      parentPort?.postMessage({ id: request.id, result: bytes } satisfies AnswerMessage, [bytes.buffer]);
      return;
    }
    const result = request.kind === 'decide' ? verdicts.decide(request.a, request.b) : extractAnswer(request.text, request.mode);
    parentPort?.postMessage({ id: request.id, result } satisfies AnswerMessage);
  } catch (error) {
    parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies AnswerMessage);
  }
});

parentPort?.postMessage({ loaded: true } satisfies AnswerMessage);
