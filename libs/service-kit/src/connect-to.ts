import type { Client, ChannelCredentials, ClientOptions } from '@grpc/grpc-js';
import type { AeroConfig, ServiceName } from '@aero/config';
import { connect } from './connect';

/** A client of another service at its configured address (services.<name>.address). */
export function connectTo<C extends Client>(
  config: AeroConfig,
  name: ServiceName,
  Ctor: new (address: string, credentials: ChannelCredentials, options?: ClientOptions) => C,
): C {
  const address = config.services[name].address;
  if (!address) throw new Error(`services.${name}.address is not configured`);
  const token = config.services.auth.enabled ? process.env[config.services.auth.token_env] : undefined;
  return connect(Ctor, address, { token, tls: config.services.tls });
}
