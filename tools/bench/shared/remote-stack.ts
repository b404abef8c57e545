import * as path from 'node:path';
import { OrchestratorServiceClient } from '@aero/contracts';
import { connect, createLogger } from '@aero/service-kit';
import type { ServiceAddresses } from '../../../apps/orchestrator/src/adapters/aero-services';
import { startLocalServices } from '../../../apps/orchestrator/src/adapters/local-services';
import { startChildService } from '../../../apps/orchestrator/src/adapters/start-child-service';

const ORCHESTRATOR_MAIN = path.resolve(__dirname, '../../../apps/orchestrator/src/main.ts');

/** The five services as processes (local-mode code) and an orchestrator process in remote mode that uses them. */
export interface RemoteStack {
  addresses: ServiceAddresses;
  orchestrator: OrchestratorServiceClient;
  /** Stops the orchestrator, then the services. */
  stop(): Promise<void>;
}

export interface RemoteStackOptions {
  /** The config every process loads; AERO__ variables of this process's environment override it in all of them. */
  configFile: string;
  runsDir: string;
  /** services.metrics_port: -1 keeps the gateway's metrics off; any other value gives it a free port. */
  metricsPort: number;
}

/**
 * Starts the stack a deployment runs, on this host: the orchestrator is a process of its own that
 * reaches the services over gRPC, as it would on another machine. The services log to this
 * process's stderr at the config's level; the orchestrator's log is dropped.
 */
export async function startRemoteStack(options: RemoteStackOptions): Promise<RemoteStack> {
  const log = createLogger({ bench: 'remote-stack' }, 'warn');
  const services = await startLocalServices({ ...options, host: '127.0.0.1', log });
  try {
    const env = Object.fromEntries(Object.entries(services.addresses).map(([name, address]) => [`AERO__SERVICES__${name.toUpperCase()}__ADDRESS`, address]));
    const child = await startChildService({ name: 'orchestrator', entry: ORCHESTRATOR_MAIN, args: ['--config', options.configFile], env: { ...env, AERO__RUNS_DIR: options.runsDir }, onStderr: () => undefined });
    const orchestrator = connect(OrchestratorServiceClient, `127.0.0.1:${child.port}`);
    return {
      addresses: services.addresses,
      orchestrator,
      stop: async () => {
        orchestrator.close();
        await child.stop();
        await services.stop();
      },
    };
  } catch (error) {
    await services.stop();
    throw error;
  }
}
