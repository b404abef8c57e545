import { getEventListeners } from 'node:events';
import type { ClientUnaryCall, ServiceError } from '@grpc/grpc-js';
import { unaryCall } from './call';

/** A generated unary method's shape: answers on the next tick, records whether it was cancelled. */
function fakeMethod(answer: (request: number) => number | Error) {
  const cancelled: number[] = [];
  const fn = (request: number, _m: unknown, _o: unknown, callback: (e: ServiceError | null, r: number) => void): ClientUnaryCall => {
    let done = false;
    setImmediate(() => {
      if (done) return;
      done = true;
      const r = answer(request);
      if (r instanceof Error) callback(r as ServiceError, 0);
      else callback(null, r);
    });
    return { cancel: () => { if (!done) { done = true; cancelled.push(request); callback(Object.assign(new Error('cancelled'), { code: 1 }) as ServiceError, 0); } } } as unknown as ClientUnaryCall;
  };
  return { fn, cancelled };
}

describe('unaryCall', () => {
  it('takes its abort listener back when the call ends, so one signal can serve many calls', async () => {
    const { fn } = fakeMethod((x) => (x === 3 ? new Error('boom') : x * 2));
    const signal = new AbortController().signal;
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => unaryCall(fn, i, { signal })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(49);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('cancels the calls in flight when the signal aborts', async () => {
    const { fn, cancelled } = fakeMethod((x) => x);
    const controller = new AbortController();
    const pending = unaryCall(fn, 7, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toThrow('cancelled');
    expect(cancelled).toEqual([7]);
  });
});
