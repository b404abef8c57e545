import type { z } from 'zod';
import type { CallContext } from './call-context';
import type { EncodedMessage } from './encoded-message';

/** A unary RPC: validate with `schema`, then `handle`. */
export interface UnaryMethod<Res> {
  kind: 'unary';
  schema: z.ZodType;
  handle: (request: never, ctx: CallContext) => Promise<Res>;
}

/** A server-streaming RPC: validate with `schema`, then send everything `handle` yields. */
export interface StreamMethod<Res> {
  kind: 'stream';
  schema: z.ZodType;
  handle: (request: never, ctx: CallContext) => AsyncIterable<Res>;
}

export function unary<V, Res>(
  schema: z.ZodType<V>,
  handle: (request: V, ctx: CallContext) => Promise<Res>,
): UnaryMethod<Res> {
  return { kind: 'unary', schema, handle: handle as UnaryMethod<Res>['handle'] };
}

export function serverStream<V, Res>(
  schema: z.ZodType<V>,
  handle: (request: V, ctx: CallContext) => AsyncIterable<Res>,
): StreamMethod<Res> {
  return { kind: 'stream', schema, handle: handle as StreamMethod<Res>['handle'] };
}

type ResponseOf<M> = M extends { responseDeserialize: (value: Buffer) => infer R } ? R : never;

/** The methods of a generated service definition, typed by their response messages (or those serialized already). */
export type MethodsOf<D> = {
  [K in keyof D]?: D[K] extends { responseStream: true }
    ? StreamMethod<ResponseOf<D[K]>>
    : UnaryMethod<ResponseOf<D[K]> | EncodedMessage>;
};
