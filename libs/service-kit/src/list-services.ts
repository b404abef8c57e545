import { credentials as grpcCredentials, type ChannelCredentials } from '@grpc/grpc-js';
import { askReflection } from './ask-reflection';

/** Services a server lists through gRPC server reflection (v1). */
export async function listServices(
  address: string,
  creds: ChannelCredentials = grpcCredentials.createInsecure(),
): Promise<string[]> {
  const response = await askReflection(address, { list_services: '' }, 'v1', creds);
  return (response.list_services_response?.service ?? []).map((s) => s.name).sort();
}
