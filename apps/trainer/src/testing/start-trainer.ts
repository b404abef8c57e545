import { TrainerServiceClient } from '@aero/contracts';
import { connect } from '@aero/service-kit';
import { startServiceProcess, type ServiceProcess } from '@aero/testing';

export interface RunningTrainer {
  service: ServiceProcess;
  client: TrainerServiceClient;
  stop(): Promise<void>;
}

/** The trainer as a real server process on a free port, and a client for it. */
export async function startTrainer(env: Record<string, string>): Promise<RunningTrainer> {
  const service = await startServiceProcess('apps/trainer/src/main.ts', ['--port', '0'], { env });
  const client = connect(TrainerServiceClient, service.address);
  return {
    service,
    client,
    stop: async () => {
      client.close();
      await service.stop();
    },
  };
}
