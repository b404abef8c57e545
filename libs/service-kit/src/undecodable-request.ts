import { status as Status, type ServiceDefinition } from '@grpc/grpc-js';
import { contractRegistry } from '@aero/contracts';
import { RpcError, type FieldViolation } from './rpc-error';
import { wireFormatViolation } from './wire-format-violation';

/**
 * Stands in for a request whose bytes do not decode, or decode only by dropping or mangling a field.
 * grpc-js answers a deserializer that throws with INTERNAL before any handler runs; handing the
 * handler this instead lets it answer INVALID_ARGUMENT, the caller's fault, naming the field, and
 * only after authenticating the call like any other.
 */
export class UndecodableRequest {
  private constructor(private readonly violation: FieldViolation) {}

  /**
   * `definition` with request deserializers that check the bytes against the contract's descriptor of
   * the request (wireFormatViolation) and return an UndecodableRequest instead of throwing.
   */
  static tolerate<D extends ServiceDefinition>(definition: D): D {
    const methods = Object.entries(definition).map(([key, method]) => {
      const [, service, name] = method.path.split('/');
      const input = contractRegistry()
        .getService(service)
        ?.methods.find((m) => m.name === name)?.input;
      const requestDeserialize = (bytes: Buffer): unknown => {
        const violation = input && wireFormatViolation(input, bytes);
        if (violation) return new UndecodableRequest(violation);
        try {
          return method.requestDeserialize(bytes);
        } catch (error) {
          return new UndecodableRequest({ field: '(request)', description: error instanceof Error ? error.message : String(error) });
        }
      };
      return [key, { ...method, requestDeserialize }];
    });
    return Object.fromEntries(methods) as D;
  }

  toRpcError(): RpcError {
    const { field, description } = this.violation;
    return new RpcError(Status.INVALID_ARGUMENT, `the request could not be decoded: ${field} ${description}`, [this.violation]);
  }
}
