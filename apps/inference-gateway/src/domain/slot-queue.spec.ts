import { QueueFullError } from './queue-full-error';
import { SlotQueue } from './slot-queue';

function queue(ids: string[], capacity = 1, maxQueue = 10) {
  const ready = [...ids];
  const q = new SlotQueue({ capacity, maxQueue, readyIds: () => ready });
  return { q, ready };
}

const never = new AbortController().signal;

describe('SlotQueue', () => {
  it('spreads requests over the instances, least outstanding first', async () => {
    const { q } = queue(['a', 'b'], 2);
    const ids = [await q.acquire(never), await q.acquire(never), await q.acquire(never), await q.acquire(never)];
    expect(ids.sort()).toEqual(['a', 'a', 'b', 'b']);
    expect([q.outstandingOf('a'), q.outstandingOf('b')]).toEqual([2, 2]);
  });

  it('queues past capacity and hands a released slot to the first waiter', async () => {
    const { q } = queue(['a']);
    expect(await q.acquire(never)).toBe('a');
    const first = q.acquire(never);
    const second = q.acquire(never);
    expect(q.depth).toBe(2);
    q.release('a');
    expect(await first).toBe('a');
    expect(q.depth).toBe(1);
    q.release('a');
    expect(await second).toBe('a');
  });

  it('refuses new requests past the queue bound', async () => {
    const { q } = queue(['a'], 1, 1);
    await q.acquire(never);
    void q.acquire(never);
    await expect(q.acquire(never)).rejects.toBeInstanceOf(QueueFullError);
  });

  it('lets a retry wait even when the queue is full, ahead of new requests', async () => {
    const { q } = queue(['a'], 1, 1);
    await q.acquire(never);
    const queued = q.acquire(never);
    const retry = q.acquire(never, { retry: true });
    q.release('a');
    expect(await retry).toBe('a');
    expect(q.depth).toBe(1);
    q.release('a');
    expect(await queued).toBe('a');
  });

  it('routes waiters once an instance becomes ready', async () => {
    const { q, ready } = queue([]);
    const waiting = q.acquire(never);
    ready.push('b');
    q.wake();
    expect(await waiting).toBe('b');
  });

  it('drops a waiter whose signal aborts, with the signal reason', async () => {
    const { q } = queue([]);
    const controller = new AbortController();
    const waiting = q.acquire(controller.signal);
    controller.abort(new Error('deadline'));
    await expect(waiting).rejects.toThrow('deadline');
    expect(q.depth).toBe(0);
  });

  it('turns every waiter away with the reason given, retries too', async () => {
    const { q } = queue([]);
    const waiting = [q.acquire(never), q.acquire(never, { retry: true })];
    q.rejectWaiting(new Error('no model is served'));
    for (const w of waiting) await expect(w).rejects.toThrow('no model is served');
    expect(q.depth).toBe(0);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const { q } = queue(['a']);
    await expect(q.acquire(AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    expect(q.outstandingOf('a')).toBe(0);
  });

  it('refuses a release without an acquire', () => {
    expect(() => queue(['a']).q.release('a')).toThrow(/without a matching acquire/);
  });
});
