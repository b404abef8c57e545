import { InferenceGatewayServiceClient } from '@aero/contracts';
import { connect, unaryCall } from '@aero/service-kit';
import { metricsPortOf, startServiceProcess, type ServiceProcess } from '@aero/testing';

export interface RunningGateway {
  process: ServiceProcess;
  client: InferenceGatewayServiceClient;
  /** Port of its Prometheus endpoint, as GetStatus reports it (checked against the one it logged). */
  metricsPort: number;
  /** Closes the client and stops the gateway (which stops its engines). */
  stop(): Promise<void>;
}

/** The gateway's real main as a child process, with a client connected to it (sending `token` when auth is on). */
export async function startGateway(env: Record<string, string>, token?: string): Promise<RunningGateway> {
  const process = await startServiceProcess('apps/inference-gateway/src/main.ts', ['--port', '0'], { env });
  const client = connect(InferenceGatewayServiceClient, process.address, { token });
  const { metrics_port: metricsPort } = await unaryCall(client.getStatus.bind(client), {});
  const logged = metricsPortOf(process.stderr());
  if (metricsPort !== logged) throw new Error(`GetStatus says metrics_port ${metricsPort}, the gateway logged ${logged}`);
  return {
    process,
    client,
    metricsPort,
    stop: async () => {
      client.close();
      await process.stop();
    },
  };
}
