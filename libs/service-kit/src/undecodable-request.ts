import { status as Status, type ServiceDefinition } from '@grpc/grpc-js';
import { RpcError } from './rpc-error';

/**
 * Stands in for a request whose bytes do not decode. grpc-js answers a deserializer that throws with
 * INTERNAL before any handler runs; handing the handler this instead lets it answer
 * INVALID_ARGUMENT, the caller's fault, and only after authenticating the call like any other.
 */
export class UndecodableRequest {
  private constructor(private readonly reason: string) {}

  /** `definition` with request deserializers that return an UndecodableRequest instead of throwing. */
  static tolerate<D extends ServiceDefinition>(definition: D): D {
    const methods = Object.entries(definition).map(([key, method]) => {
      const requestDeserialize = (bytes: Buffer): unknown => {
        try {
          return method.requestDeserialize(bytes);
        } catch (error) {
          return new UndecodableRequest(error instanceof Error ? error.message : String(error));
        }
      };
      return [key, { ...method, requestDeserialize }];
    });
    return Object.fromEntries(methods) as D;
  }

  toRpcError(): RpcError {
    return new RpcError(Status.INVALID_ARGUMENT, `the request could not be decoded: ${this.reason}`);
  }
}
