import { credentials as grpcCredentials, type ChannelCredentials, type Client } from '@grpc/grpc-js';
import { dynamicClient, reflectionProto } from './dynamic-client';

/** A ServerReflectionResponse as proto-loader decodes it (keepCase), with the parts the callers read. */
export interface ReflectionResponse {
  list_services_response?: { service: { name: string }[] };
  file_descriptor_response?: { file_descriptor_proto: Buffer[] };
}

/** Sends one ServerReflectionRequest (e.g. `{ list_services: '' }`) and resolves to the server's answer. */
export function askReflection(
  address: string,
  request: Record<string, unknown>,
  version: 'v1' | 'v1alpha' = 'v1',
  creds: ChannelCredentials = grpcCredentials.createInsecure(),
): Promise<ReflectionResponse> {
  const client = dynamicClient(reflectionProto(version), `grpc.reflection.${version}.ServerReflection`, address, creds) as Client & {
    ServerReflectionInfo(): NodeJS.ReadWriteStream & { write(m: unknown): boolean; end(): void };
  };
  return new Promise((resolve, reject) => {
    const stream = client.ServerReflectionInfo();
    stream.on('data', (response: ReflectionResponse) => {
      resolve(response);
      stream.end();
    });
    stream.on('error', reject);
    stream.on('end', () => client.close());
    stream.write(request);
  });
}
