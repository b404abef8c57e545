import * as path from 'node:path';
import { freePort } from '@aero/process';
import type { Logger } from '@aero/service-kit';
import type { ServiceAddresses } from './aero-services';
import { startChildService } from './start-child-service';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

export interface LocalServicesOptions {
  /** Config file the services load (the orchestrator's own); undefined = their defaults. */
  configFile?: string;
  /** Interface the services bind (services.host). */
  host: string;
  /** The run store, shared with the trainer. */
  runsDir: string;
  /** services.metrics_port: -1 keeps the gateway's metrics off; any other value becomes a free port. */
  metricsPort: number;
  log: Logger;
  /** Receives the services' stderr (their JSON logs); default: this process's stderr. */
  onStderr?: (chunk: Buffer) => void;
  /** Picks each service's port; default freePort (a test hands out a taken one). */
  freePort?: (host: string) => Promise<number>;
}

/** The five services of local mode, each a child process (a process group of its own) on a free port. */
export interface LocalServices {
  addresses: ServiceAddresses;
  /** Process id of each service. */
  pids: Record<keyof ServiceAddresses, number>;
  /** Stops exactly these processes. */
  stop(): Promise<void>;
}

const SERVICES: (keyof ServiceAddresses)[] = ['inference_gateway', 'trainer', 'analyzer', 'synth', 'verifier'];

/**
 * Local mode: starts the services as separate processes, exactly as a deployment runs them, all at
 * once: each gets a port chosen here, so that every service knows the others' addresses
 * (AERO__SERVICES__<NAME>__ADDRESS) when it starts, as none calls another before a request comes.
 * Resolves once all five listen. If one fails to start, all are stopped and the error names the
 * service; if it failed because its port was taken meanwhile (EADDRINUSE), all start once more on
 * other ports.
 */
export async function startLocalServices(options: LocalServicesOptions): Promise<LocalServices> {
  try {
    return await startAll(options);
  } catch (error) {
    if (!/EADDRINUSE/.test((error as Error).message)) throw error;
    options.log.warn('local mode: a port was taken before its service bound it; starting the services again on other ports', { error: (error as Error).message });
    return startAll(options);
  }
}

async function startAll(options: LocalServicesOptions): Promise<LocalServices> {
  const connectHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  const pick = options.freePort ?? freePort;
  let ports: number[] = [];
  // Each port is free when chosen, and released at once: two choices may name the same one.
  for (let tries = 0; new Set(ports).size < SERVICES.length; tries++) {
    if (tries === 10) throw new Error(`local mode: no ${SERVICES.length} distinct free ports on ${options.host} in 10 tries`);
    ports = await Promise.all(SERVICES.map(() => pick(options.host)));
  }
  const addresses = Object.fromEntries(SERVICES.map((name, i) => [name, `${connectHost}:${ports[i]}`])) as unknown as ServiceAddresses;
  // A free metrics port: a second local stack on the same host must not collide with the first.
  const env: Record<string, string> = { AERO__RUNS_DIR: options.runsDir, AERO__SERVICES__METRICS_PORT: options.metricsPort < 0 ? '-1' : '0' };
  for (const name of SERVICES) env[`AERO__SERVICES__${name.toUpperCase()}__ADDRESS`] = addresses[name];
  const results = await Promise.allSettled(
    SERVICES.map((name, i) =>
      startChildService({
        name: `local ${name}`,
        entry: path.join(REPO_ROOT, 'apps', name.replace('_', '-'), 'src', 'main.ts'),
        port: ports[i],
        args: ['--host', options.host, ...(options.configFile ? ['--config', options.configFile] : [])],
        env,
        onStderr: options.onStderr ?? ((chunk) => process.stderr.write(chunk)),
      }),
    ),
  );
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const stop = () => Promise.all(started.map((s) => s.stop())).then(() => undefined);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const pids = {} as LocalServices['pids'];
  started.forEach((service, i) => {
    pids[SERVICES[i]] = service.pid;
    options.log.info('local service started', { service: SERVICES[i], address: addresses[SERVICES[i]], pid: service.pid });
  });
  return { addresses, pids, stop };
}
