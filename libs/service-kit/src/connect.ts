import {
  credentials as grpcCredentials,
  InterceptingCall,
  type ChannelCredentials,
  type Client,
  type ClientOptions,
  type Interceptor,
} from '@grpc/grpc-js';
import { readPem, type TlsFiles } from './tls-files';

export interface ConnectOptions {
  /** Bearer token sent on every call. */
  token?: string;
  tls?: TlsFiles;
  /** Extra channel options, e.g. message size limits. */
  channel?: ClientOptions;
}

type ClientConstructor<C> = new (address: string, credentials: ChannelCredentials, options?: ClientOptions) => C;

/** A generated client for `address` with the deployment's TLS and bearer token. */
export function connect<C extends Client>(Ctor: ClientConstructor<C>, address: string, options: ConnectOptions = {}): C {
  const credentials = options.tls?.enabled
    ? grpcCredentials.createSsl(options.tls.ca ? readPem(options.tls.ca, 'CA') : null)
    : grpcCredentials.createInsecure();
  const interceptors: Interceptor[] = [];
  if (options.token) interceptors.push(bearer(options.token));
  return new Ctor(address, credentials, {
    'grpc.max_receive_message_length': 64 * 1024 * 1024,
    'grpc.max_send_message_length': 64 * 1024 * 1024,
    ...options.channel,
    interceptors,
  });
}

function bearer(token: string): Interceptor {
  return (options, nextCall) =>
    new InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        metadata.set('authorization', `Bearer ${token}`);
        next(metadata, listener);
      },
    });
}
