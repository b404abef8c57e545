import { backoffDelay } from './backoff-delay';

describe('backoffDelay', () => {
  it('doubles the ceiling with every attempt and scales it by the jitter', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, 100, 1))).toEqual([100, 200, 400, 800]);
    expect(backoffDelay(2, 100, 0.5)).toBe(200);
    expect(backoffDelay(5, 100, 0)).toBe(0);
  });

  it('never waits longer than the cap', () => {
    expect(backoffDelay(30, 200, 1, 5_000)).toBe(5_000);
  });
});
