import { InferenceGatewayServiceClient } from '@aero/contracts';
import { connect } from '@aero/service-kit';
import { startServiceProcess, type ServiceProcess } from '@aero/testing';
import { metricsPortOf } from './scrape-metric';

export interface RunningGateway {
  process: ServiceProcess;
  client: InferenceGatewayServiceClient;
  /** Port of its Prometheus endpoint. */
  metricsPort: number;
  /** Closes the client and stops the gateway (which stops its engines). */
  stop(): Promise<void>;
}

/** The gateway's real main as a child process, with a client connected to it (sending `token` when auth is on). */
export async function startGateway(env: Record<string, string>, token?: string): Promise<RunningGateway> {
  const process = await startServiceProcess('apps/inference-gateway/src/main.ts', ['--port', '0'], { env });
  const client = connect(InferenceGatewayServiceClient, process.address, { token });
  return {
    process,
    client,
    metricsPort: metricsPortOf(process.stderr()),
    stop: async () => {
      client.close();
      await process.stop();
    },
  };
}
