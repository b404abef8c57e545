import { status as Status } from '@grpc/grpc-js';
import type { OrchestratorConnection } from './connect-orchestrator';
import { orchestratorLoss } from './orchestrator-loss';

const connection = (gone: string | undefined) => ({ gone: async () => gone }) as OrchestratorConnection;
const grpcError = (code: Status, details: string) => Object.assign(new Error(`${code} ${Status[code]}: ${details}`), { code, details });

describe('orchestratorLoss', () => {
  it('turns a lost orchestrator into one line with what happened and the resume command', async () => {
    const error = await orchestratorLoss(grpcError(Status.UNAVAILABLE, 'Connection dropped'), connection('lost the connection to the orchestrator at h:1'), 'r1');
    expect((error as Error).message).toBe('lost the connection to the orchestrator at h:1; run r1 stopped with it. Continue it with: npm run aero -- resume r1');
  });

  it('leaves an UNAVAILABLE from an orchestrator that still answers, and every other error, as they are', async () => {
    const unavailable = grpcError(Status.UNAVAILABLE, 'the trainer is unreachable');
    expect(await orchestratorLoss(unavailable, connection(undefined), 'r1')).toBe(unavailable);
    const notFound = grpcError(Status.NOT_FOUND, 'run r1 not found');
    expect(await orchestratorLoss(notFound, connection('gone'), 'r1')).toBe(notFound);
  });
});
