import { setImmediate as nextTurn } from 'node:timers/promises';

/** Longest stretch of work between two turns of the event loop. */
const SLICE_MS = 10;

/**
 * A pause for long work done in steps on the service's thread: it gives the event loop a turn once
 * SLICE_MS have passed since the last one, so that other calls are served in between, and then
 * throws if `signal` has aborted (the caller cancelled, the deadline passed), so that abandoned work
 * stops. The signal can only abort during a turn, so checking after one is enough.
 */
export function timeSlices(signal: AbortSignal): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < SLICE_MS) return;
    await nextTurn();
    signal.throwIfAborted();
    sliceStart = performance.now();
  };
}
