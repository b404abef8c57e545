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
    expect(started.length).toBeLessThanOrEqual(3);
  });

  it('yields nothing for a count of zero', async () => {
    expect(await collect(mapOrdered(0, 4, async (i) => i))).toEqual([]);
  });
});
