import * as path from 'node:path';
import { loadPackageDefinition, type ChannelCredentials, type Client } from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

type Dynamic = Record<string, unknown>;

/** The reflection API's proto: v1, or v1alpha, which many clients still speak (grpcio-reflection's, older grpcurl). */
export const reflectionProto = (version: 'v1' | 'v1alpha') =>
  path.join(path.dirname(require.resolve('@grpc/reflection/package.json')), `build/proto/grpc/reflection/${version}/reflection.proto`);
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
