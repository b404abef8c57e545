import { credentials as grpcCredentials, type ChannelCredentials, type Client } from '@grpc/grpc-js';
import { dynamicClient, healthProto } from './dynamic-client';

/** grpc.health.v1 Check of `service` ('' = the whole server); resolves to SERVING, NOT_SERVING, ... */
export function checkHealth(
  address: string,
  service = '',
  creds: ChannelCredentials = grpcCredentials.createInsecure(),
): Promise<string> {
  const client = dynamicClient(healthProto, 'grpc.health.v1.Health', address, creds) as Client & {
    check(req: unknown, opts: unknown, cb: (e: Error | null, r: { status: string }) => void): void;
  };
  return new Promise((resolve, reject) => {
    client.check({ service }, { deadline: Date.now() + 5000 }, (error, response) => {
      client.close();
      if (error) reject(error);
      else resolve(response.status);
    });
  });
}
