import * as path from 'node:path';
import { loadPackageDefinition, type ChannelCredentials, type Client } from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

type Dynamic = Record<string, unknown>;

export const reflectionProto = path.join(
  path.dirname(require.resolve('@grpc/reflection/package.json')),
  'build/proto/grpc/reflection/v1/reflection.proto',
);
export const healthProto = path.join(path.dirname(require.resolve('grpc-health-check/package.json')), 'proto/health/v1/health.proto');

/** A client for a service whose proto ships inside an npm package (health, reflection). */
export function dynamicClient(file: string, service: string, address: string, creds: ChannelCredentials): Client {
  const pkg = loadPackageDefinition(protoLoader.loadSync(file, { keepCase: true, enums: String })) as Dynamic;
  const Ctor = service.split('.').reduce<Dynamic>((node, part) => node[part] as Dynamic, pkg) as unknown as new (
    address: string,
    creds: ChannelCredentials,
  ) => Client;
  return new Ctor(address, creds);
}
