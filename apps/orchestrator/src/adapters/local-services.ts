import * as path from 'node:path';
import type { Logger } from '@aero/service-kit';
import { localStartWaves } from '../domain/local-start-waves';
import type { ServiceAddresses } from './aero-services';
import { startChildService, type ChildService } from './start-child-service';

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
  /** judge.enabled: the analyzer then calls the gateway, so it starts after it. */
  judgeEnabled: boolean;
  log: Logger;
  /** Receives the services' stderr (their JSON logs); default: this process's stderr. */
  onStderr?: (chunk: Buffer) => void;
}

/** The five services of local mode, each a child process (a process group of its own) on a free port. */
export interface LocalServices {
  addresses: ServiceAddresses;
  /** Process id of each service. */
  pids: Record<keyof ServiceAddresses, number>;
  /** Stops exactly these processes. */
  stop(): Promise<void>;
}

/**
 * Local mode: starts the services as separate processes, exactly as a deployment runs them, wave by
 * wave so that each learns its dependencies' addresses (AERO__SERVICES__<NAME>__ADDRESS) at start.
 * If one fails to start, the ones already started are stopped and the error names the service.
 */
export async function startLocalServices(options: LocalServicesOptions): Promise<LocalServices> {
  const started: ChildService[] = [];
  const stop = () => Promise.all(started.map((s) => s.stop())).then(() => undefined);
  const connectHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  const addresses: Partial<ServiceAddresses> = {};
  const pids: Partial<Record<keyof ServiceAddresses, number>> = {};
  try {
    for (const wave of localStartWaves(options.judgeEnabled)) {
      // A free metrics port: a second local stack on the same host must not collide with the first.
      const env: Record<string, string> = { AERO__RUNS_DIR: options.runsDir, AERO__SERVICES__METRICS_PORT: options.metricsPort < 0 ? '-1' : '0' };
      for (const [name, address] of Object.entries(addresses)) env[`AERO__SERVICES__${name.toUpperCase()}__ADDRESS`] = address;
      const results = await Promise.allSettled(
        wave.map((name) =>
          startChildService({
            name: `local ${name}`,
            entry: path.join(REPO_ROOT, 'apps', name.replace('_', '-'), 'src', 'main.ts'),
            args: ['--host', options.host, ...(options.configFile ? ['--config', options.configFile] : [])],
            env,
            onStderr: options.onStderr ?? ((chunk) => process.stderr.write(chunk)),
          }),
        ),
      );
      results.forEach((result, i) => {
        if (result.status !== 'fulfilled') return;
        const name = wave[i];
        started.push(result.value);
        addresses[name] = `${connectHost}:${result.value.port}`;
        pids[name] = result.value.pid;
        options.log.info('local service started', { service: name, address: addresses[name], pid: result.value.pid });
      });
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { addresses: addresses as ServiceAddresses, pids: pids as LocalServices['pids'], stop };
}
