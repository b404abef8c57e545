import { JobSlots } from './job-slots';

const never = new AbortController().signal;

describe('JobSlots', () => {
  it('grants slots up to its size, then in arrival order as they are released', async () => {
    const slots = new JobSlots(1);
    const order: string[] = [];
    const first = await slots.acquire(never);
    const second = slots.acquire(never).then((release) => (order.push('second'), release));
    const third = slots.acquire(never).then((release) => (order.push('third'), release));
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([]);
    first();
    (await second)();
    await third;
    expect(order).toEqual(['second', 'third']);
  });

  it('lets a waiting job give up without taking a slot from the others', async () => {
    const slots = new JobSlots(1);
    const held = await slots.acquire(never);
    const giveUp = new AbortController();
    const leaving = slots.acquire(giveUp.signal);
    const staying = slots.acquire(never);
    giveUp.abort();
    await expect(leaving).rejects.toMatchObject({ kind: 'cancelled' });
    held();
    await expect(staying).resolves.toEqual(expect.any(Function));
  });

  it('refuses at once when already aborted, and ignores a second release', async () => {
    const slots = new JobSlots(1);
    const aborted = AbortSignal.abort();
    const release = await slots.acquire(never);
    await expect(slots.acquire(aborted)).rejects.toMatchObject({ kind: 'cancelled' });
    release();
    release();
    const a = await slots.acquire(never);
    let second = false;
    void slots.acquire(never).then(() => (second = true));
    await new Promise((r) => setImmediate(r));
    expect(second).toBe(false);
    a();
  });
});
