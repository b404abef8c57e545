import { status as Status } from '@grpc/grpc-js';
import { withRetry } from './with-retry';

const failing = (code: number) => Object.assign(new Error('x'), { code });

describe('withRetry', () => {
  it('retries the listed codes until success', async () => {
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw failing(Status.UNAVAILABLE);
        return 'ok';
      },
      { baseMs: 1 },
    );
    expect([result, calls]).toEqual(['ok', 3]);
  });

  it('fails at once on a code outside the list', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw failing(Status.INVALID_ARGUMENT);
      }),
    ).rejects.toMatchObject({ code: Status.INVALID_ARGUMENT });
    expect(calls).toBe(1);
  });

  it('gives up after the last attempt', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw failing(Status.UNAVAILABLE);
        },
        { attempts: 2, baseMs: 1 },
      ),
    ).rejects.toMatchObject({ code: Status.UNAVAILABLE });
    expect(calls).toBe(2);
  });
});
