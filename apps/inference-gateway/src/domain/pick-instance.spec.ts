import { pickInstance, type RouteCandidate } from './pick-instance';

const c = (id: string, outstanding: number, lastRouted = 0): RouteCandidate => ({ id, outstanding, lastRouted });

describe('pickInstance', () => {
  it('picks the instance with the fewest requests in flight', () => {
    expect(pickInstance([c('a', 3), c('b', 1), c('c', 2)], 8)).toBe('b');
  });

  it('breaks ties by the least recently used', () => {
    expect(pickInstance([c('a', 1, 9), c('b', 1, 4)], 8)).toBe('b');
  });

  it('skips instances at capacity and waits when all are full', () => {
    expect(pickInstance([c('a', 2), c('b', 1)], 2)).toBe('b');
    expect(pickInstance([c('a', 2), c('b', 2)], 2)).toBeUndefined();
  });

  it('waits when no instance is ready', () => {
    expect(pickInstance([], 4)).toBeUndefined();
  });

  it('sends a retry to another instance, even a busier one', () => {
    expect(pickInstance([c('a', 0), c('b', 3)], 8, new Set(['a']))).toBe('b');
  });

  it('waits for a slot elsewhere rather than going back to the failed instance', () => {
    expect(pickInstance([c('a', 0), c('b', 2)], 2, new Set(['a']))).toBeUndefined();
  });

  it('goes back to the failed instance when it is the only one ready', () => {
    expect(pickInstance([c('a', 0)], 2, new Set(['a']))).toBe('a');
  });
});
