import { OrchestratorServiceClient } from '@aero/contracts';
import { connect } from '@aero/service-kit';
import { startServiceProcess, type ServiceProcess } from '@aero/testing';
import type { ServiceAddresses } from '../adapters/aero-services';

const ENTRY = 'apps/orchestrator/src/main.ts';

export interface RunningOrchestrator {
  process: ServiceProcess;
  client: OrchestratorServiceClient;
}

/** An orchestrator process on `configFile` in local mode, or in remote mode when given the services' addresses. */
export async function startOrchestrator(configFile: string, resumeInterrupted: boolean, services?: ServiceAddresses): Promise<RunningOrchestrator> {
  const remote = Object.entries(services ?? {}).map(([name, address]) => [`AERO__SERVICES__${name.toUpperCase()}__ADDRESS`, address]);
  const process = await startServiceProcess(ENTRY, ['--port', '0', '--config', configFile], {
    env: { AERO__ORCHESTRATOR__RESUME_INTERRUPTED: String(resumeInterrupted), ...Object.fromEntries(remote) },
  });
  return { process, client: connect(OrchestratorServiceClient, process.address) };
}
