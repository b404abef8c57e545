import { status as Status } from '@grpc/grpc-js';
import { EngineFailure, type FailureKind } from './engine-failure';

describe('EngineFailure', () => {
  it.each<[FailureKind, number | undefined, boolean, Status]>([
    ['connection', undefined, true, Status.UNAVAILABLE],
    ['server', 503, true, Status.UNAVAILABLE],
    ['rejected', 400, false, Status.INVALID_ARGUMENT],
    ['rejected', 422, false, Status.INVALID_ARGUMENT],
    ['rejected', 404, false, Status.FAILED_PRECONDITION],
    ['rejected', 429, false, Status.RESOURCE_EXHAUSTED],
    ['rejected', 401, false, Status.INTERNAL],
    ['timeout', undefined, false, Status.DEADLINE_EXCEEDED],
    ['aborted', undefined, false, Status.CANCELLED],
    ['internal', undefined, false, Status.INTERNAL],
  ])('a %s failure (HTTP %p) is retryable: %p, and answers %p', (kind, status, retryable, code) => {
    const failure = new EngineFailure(kind, 'x', status);
    expect([failure.retryable, failure.toRpcError().code]).toEqual([retryable, code]);
  });

  it('names the request field an engine 400 blames', () => {
    const rpc = new EngineFailure('rejected', 'too long', 400, 'max_completion_tokens').toRpcError();
    expect(rpc.violations.map((v) => v.field)).toEqual(['max_tokens']);
  });

  it('treats anything else thrown as an internal failure, never retried', () => {
    const failure = EngineFailure.from(new TypeError('x is undefined'));
    expect([failure.kind, failure.retryable]).toEqual(['internal', false]);
  });
});
