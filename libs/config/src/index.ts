export { configSchema, aeroSchema, type AeroConfig, type ServiceName } from './config-schema';
export { loadConfig, type LoadConfigOptions } from './load-config';
export { ConfigError } from './config-error';
