import { status as Status } from '@grpc/grpc-js';

export interface RetryOptions {
  /** Codes worth another try; anything else fails at once. */
  codes?: Status[];
  /** Tries in all, including the first. */
  attempts?: number;
  /** First delay, doubled each time, with full jitter. */
  baseMs?: number;
  signal?: AbortSignal;
}

const TRANSIENT = [Status.UNAVAILABLE, Status.RESOURCE_EXHAUSTED];

/** Retries `fn` on an explicit set of gRPC codes with exponential backoff and full jitter. */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const codes = options.codes ?? TRANSIENT;
  const attempts = options.attempts ?? 4;
  const baseMs = options.baseMs ?? 100;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= attempts || typeof code !== 'number' || !codes.includes(code) || options.signal?.aborted) {
        throw error;
      }
      const delay = Math.random() * baseMs * 2 ** (attempt - 1);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
