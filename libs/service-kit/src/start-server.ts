import { setMaxListeners } from 'node:events';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation } from 'grpc-health-check';
import { bindService } from './bind-service';
import { EncodedMessage } from './encoded-message';
import { reflectionPackageDefinition } from './reflection-package-definition';
import type { GrpcService } from './grpc-service';
import type { Logger } from './logger';
import { readPem, type TlsFiles } from './tls-files';
import { UndecodableRequest } from './undecodable-request';

export interface StartServerOptions {
  services: GrpcService[];
  host: string;
  /** 0 picks a free port. */
  port: number;
  log: Logger;
  authToken?: string;
  tls?: TlsFiles;
  /** Largest request message accepted (RESOURCE_EXHAUSTED beyond); default gRPC's 4 MiB. */
  maxRequestBytes?: number;
}

export interface RunningServer {
  port: number;
  health: HealthImplementation;
  /** Health NOT_SERVING, stop accepting, let calls in flight finish for up to graceMs, then cut them. */
  shutdown(graceMs?: number): Promise<void>;
}

/** Binds the services with health (grpc.health.v1) and server reflection, all SERVING once bound. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const server = new Server(options.maxRequestBytes ? { 'grpc.max_receive_message_length': options.maxRequestBytes } : {});
  const stopping = new AbortController();
  // Every call in flight listens for the shutdown: hundreds at once are normal, not a leak.
  setMaxListeners(0, stopping.signal);
  const names = options.services.map((s) => s.name);
  const health = new HealthImplementation(Object.fromEntries(['', ...names].map((n) => [n, 'NOT_SERVING'])));
  health.addToServer(server);
  // Reflection lists exactly what this server serves and hands out the compiler's descriptors of every
  // contract file, so a client can discover and call it with no proto files.
  new ReflectionService(reflectionPackageDefinition(), { services: names }).addToServer(server);
  for (const service of options.services) {
    const impl = bindService(service, { log: options.log, authToken: options.authToken, shutdown: stopping.signal });
    server.addService(EncodedMessage.pass(UndecodableRequest.tolerate(service.definition)), impl);
  }
  const credentials = options.tls?.enabled
    ? ServerCredentials.createSsl(null, [
        { cert_chain: readPem(options.tls.cert, 'certificate'), private_key: readPem(options.tls.key, 'key') },
      ])
    : ServerCredentials.createInsecure();
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${options.host}:${options.port}`, credentials, (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  for (const name of ['', ...names]) health.setStatus(name, 'SERVING');

  const shutdown = async (graceMs = 10_000) => {
    for (const name of ['', ...names]) health.setStatus(name, 'NOT_SERVING');
    const drained = new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    const timer = setTimeout(() => {
      stopping.abort();
      server.forceShutdown();
    }, graceMs);
    await drained;
    clearTimeout(timer);
  };
  return { port, health, shutdown };
}
