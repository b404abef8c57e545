import { mapOrdered } from './map-ordered';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe('mapOrdered', () => {
  it('yields in index order although later tasks finish first', async () => {
    const result = await collect(mapOrdered(5, 3, async (i) => {
      await delay((5 - i) * 5);
      return i * 10;
    }));
    expect(result).toEqual([0, 10, 20, 30, 40]);
  });

  it('never has more than `concurrency` tasks in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    await collect(mapOrdered(12, 4, async (i) => {
      peak = Math.max(peak, ++inFlight);
      await delay(i % 3);
      inFlight--;
      return i;
    }));
    expect(peak).toBe(4);
  });

  it('lets a slow task hold back no other: the slots it leaves free run the next ones', async () => {
    const finished: number[] = [];
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const seen: number[] = [];
    const run = (async () => {
      for await (const value of mapOrdered(6, 2, async (i) => {
        if (i === 0) await slow;
        else await delay(1);
        finished.push(i);
        return i;
      })) seen.push(value);
    })();
    for (let i = 0; i < 100 && finished.length < 5; i++) await delay(5);
    // Tasks 1-5 ran one after another in the second slot while task 0 was still going.
    expect(finished).toEqual([1, 2, 3, 4, 5]);
    expect(seen).toEqual([]);
    release();
    await run;
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('starts at most 4 x concurrency results ahead of the one the consumer waits for', async () => {
    const started: number[] = [];
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const run = collect(mapOrdered(100, 2, async (i) => {
      started.push(i);
      if (i === 0) await slow;
      return i;
    }));
    await delay(20);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    release();
    expect(await run).toHaveLength(100);
  });

  it('throws the first failure after the results before it, and starts no task after', async () => {
    const started: number[] = [];
    const seen: number[] = [];
    const run = async () => {
      for await (const value of mapOrdered(10, 2, async (i) => {
        started.push(i);
        if (i === 2) throw new Error('engine down');
        return i;
      })) seen.push(value);
    };
    await expect(run()).rejects.toThrow('engine down');
    expect(seen).toEqual([0, 1]);
    // Tasks 0-3 may have started before task 2 failed; none after its failure.
    expect(Math.max(...started)).toBeLessThanOrEqual(3);
  });

  it('starts nothing more once the consumer stops reading', async () => {
    const started: number[] = [];
    for await (const value of mapOrdered(100, 2, async (i) => {
      started.push(i);
      return i;
    })) {
      if (value === 1) break;
    }
    const atBreak = started.length;
    // The window: results 0 and 1 read, and at most 4 x 2 more ahead of them.
    expect(atBreak).toBeLessThanOrEqual(10);
    await delay(20);
    expect(started.length).toBe(atBreak);
  });

  it('yields nothing for a count of zero', async () => {
    expect(await collect(mapOrdered(0, 4, async (i) => i))).toEqual([]);
  });
});
