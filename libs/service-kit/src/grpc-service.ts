import type { ServiceDefinition } from '@grpc/grpc-js';
import type { MethodsOf, StreamMethod, UnaryMethod } from './rpc-method';

/** A service ready to be served: its generated definition and its (possibly partial) methods. */
export interface GrpcService {
  /** Fully qualified name, e.g. "aero.v1.SynthService" (health reports under it). */
  name: string;
  definition: ServiceDefinition;
  methods: Record<string, UnaryMethod<unknown> | StreamMethod<unknown> | undefined>;
}

/** Pairs a generated definition with its handlers; methods left out answer UNIMPLEMENTED. */
export function defineService<D extends ServiceDefinition>(definition: D, methods: MethodsOf<D>): GrpcService {
  const first = Object.values(definition)[0];
  const name = first.path.split('/')[1];
  return { name, definition, methods: methods as GrpcService['methods'] };
}
