import type { ServiceError } from '@grpc/grpc-js';

/** The gRPC status a call fails with, and its message; throws if the call succeeds. */
export async function failureOf(promise: Promise<unknown>): Promise<{ code: number; details: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as ServiceError;
    return { code: e.code, details: e.details };
  }
  throw new Error('expected the call to fail, it succeeded');
}
