import { status as Status } from '@grpc/grpc-js';
import { dependencyCall } from './dependency-call';
import { RpcError } from './rpc-error';

describe('dependencyCall', () => {
  it('returns what the call returns', async () => {
    expect(await dependencyCall('synth', '127.0.0.1:1', async () => 42)).toBe(42);
  });

  it('keeps the status of a failure and names the dependency and its address', async () => {
    const failure = await dependencyCall('inference gateway', '10.0.0.1:50051', async () => {
      throw new RpcError(Status.UNAVAILABLE, 'connection refused');
    }).catch((error: RpcError) => error);
    expect(failure).toBeInstanceOf(RpcError);
    expect(failure.code).toBe(Status.UNAVAILABLE);
    expect(failure.message).toBe('inference gateway at 10.0.0.1:50051 failed (UNAVAILABLE): connection refused');
  });
});
