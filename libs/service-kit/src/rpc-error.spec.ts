import { Metadata, status as Status } from '@grpc/grpc-js';
import { z } from 'zod';
import { RpcError } from './rpc-error';

describe('RpcError.from', () => {
  it('maps a ZodError to INVALID_ARGUMENT with one violation per field', () => {
    const parsed = z.object({ n: z.number().min(1), nested: z.object({ x: z.string() }) }).safeParse({ n: 0, nested: {} });
    const error = RpcError.from(parsed.error);
    expect(error.code).toBe(Status.INVALID_ARGUMENT);
    expect(error.violations.map((v) => v.field)).toEqual(['n', 'nested.x']);
    expect(error.message).toContain('nested.x');
  });

  it.each([
    [Object.assign(new Error('x'), { name: 'AbortError' }), Status.CANCELLED],
    [Object.assign(new Error('x'), { name: 'TimeoutError' }), Status.DEADLINE_EXCEEDED],
    [Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), Status.UNAVAILABLE],
    [Object.assign(new Error('429'), { status: 429 }), Status.RESOURCE_EXHAUSTED],
    [new Error('boom'), Status.INTERNAL],
    ['a string', Status.INTERNAL],
  ])('maps %p to code %p', (thrown, code) => {
    expect(RpcError.from(thrown).code).toBe(code);
  });

  it('keeps the code of an error from a downstream gRPC call', () => {
    const downstream = Object.assign(new Error('5 NOT_FOUND: no run'), {
      code: Status.NOT_FOUND,
      details: 'no run',
      metadata: new Metadata(),
    });
    expect(RpcError.from(downstream)).toMatchObject({ code: Status.NOT_FOUND, message: 'no run' });
  });

  it('never sends the message of an unexpected error', () => {
    expect(RpcError.from(new Error('secret path /etc/x')).message).toBe('internal error');
  });
});
