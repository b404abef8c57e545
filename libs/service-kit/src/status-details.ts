import { BadRequest, Status } from '@aero/contracts';
import type { RpcError } from './rpc-error';

/**
 * The `grpc-status-details-bin` value for an error with field violations: a google.rpc.Status holding
 * a google.rpc.BadRequest, the form gRPC's rich-error helpers decode (Python's
 * grpc_status.rpc_status.from_call, Go's status.FromError(...).Details()). Its code and message
 * repeat the call's own, which those helpers check.
 */
export function statusDetails(error: RpcError): Buffer {
  const badRequest = BadRequest.encode({ field_violations: error.violations }).finish();
  const status = Status.encode({
    code: error.code,
    message: error.message,
    details: [{ type_url: 'type.googleapis.com/google.rpc.BadRequest', value: Buffer.from(badRequest) }],
  });
  return Buffer.from(status.finish());
}
