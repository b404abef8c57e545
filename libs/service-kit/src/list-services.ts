import { credentials as grpcCredentials, type ChannelCredentials, type Client } from '@grpc/grpc-js';
import { dynamicClient, reflectionProto } from './dynamic-client';

/** Services a server lists through gRPC server reflection (v1). */
export function listServices(
  address: string,
  creds: ChannelCredentials = grpcCredentials.createInsecure(),
): Promise<string[]> {
  const client = dynamicClient(reflectionProto, 'grpc.reflection.v1.ServerReflection', address, creds) as Client & {
    ServerReflectionInfo(): NodeJS.ReadWriteStream & { write(m: unknown): boolean; end(): void };
  };
  return new Promise((resolve, reject) => {
    const stream = client.ServerReflectionInfo();
    stream.on('data', (response: { list_services_response?: { service: { name: string }[] } }) => {
      resolve((response.list_services_response?.service ?? []).map((s) => s.name).sort());
      stream.end();
    });
    stream.on('error', reject);
    stream.on('end', () => client.close());
    stream.write({ list_services: '' });
  });
}
