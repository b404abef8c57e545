import { parentPort, workerData } from 'node:worker_threads';
import { CheapVerdicts } from '../domain/cheap-verdicts';
import type { VerdictMessage, VerdictRequest } from './worker-verdicts';

// The thread of worker-verdicts.ts. Its own cache of prepared answers lives here, with the work.
const verdicts = new CheapVerdicts((workerData as { cacheSize: number }).cacheSize);

parentPort?.on('message', ({ id, a, b }: VerdictRequest) => {
  let reply: VerdictMessage;
  try {
    reply = { id, verdict: verdicts.decide(a, b) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});

parentPort?.postMessage({ loaded: true } satisfies VerdictMessage);
