import { status as Status } from '@grpc/grpc-js';
import { RpcError } from './rpc-error';

/**
 * Runs one call to another service. A failure keeps its gRPC status (UNAVAILABLE stays UNAVAILABLE,
 * so callers retry it) and its message says which dependency failed, at which address.
 */
export async function dependencyCall<T>(dependency: string, address: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const cause = RpcError.from(error);
    throw new RpcError(cause.code, `${dependency} at ${address} failed (${Status[cause.code]}): ${cause.message}`, [], error);
  }
}
