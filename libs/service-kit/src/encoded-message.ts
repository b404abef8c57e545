import type { ServiceDefinition } from '@grpc/grpc-js';

/**
 * A response its handler has serialized already, sent as it is: a response of megabytes takes a
 * long step to serialize, which a handler can take off the service's thread (the analyzer does it in
 * a worker) instead of stalling every other call while grpc-js serializes it.
 */
export class EncodedMessage {
  constructor(readonly bytes: Buffer) {}

  /** `definition` with response serializers that send an EncodedMessage's bytes unchanged. */
  static pass<D extends ServiceDefinition>(definition: D): D {
    const methods = Object.entries(definition).map(([key, method]) => {
      const responseSerialize = (value: unknown): Buffer => (value instanceof EncodedMessage ? value.bytes : method.responseSerialize(value));
      return [key, { ...method, responseSerialize }];
    });
    return Object.fromEntries(methods) as D;
  }
}
