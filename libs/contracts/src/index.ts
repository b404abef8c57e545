// Public face of the aero.v1 contracts. Apps import from here, never from ./generated directly,
// so the generator's layout can change without touching callers.
export * from './generated/aero/v1/common';
export * from './generated/aero/v1/inference_gateway';
export * from './generated/aero/v1/synth';
export * from './generated/aero/v1/analyzer';
export * from './generated/aero/v1/verifier';
export * from './generated/aero/v1/trainer';
export * from './generated/aero/v1/orchestrator';
// The error details every service sends in `grpc-status-details-bin`.
export { Status } from './generated/google/rpc/status';
export { BadRequest } from './generated/google/rpc/error_details';
export { fileDescriptorProtos } from './file-descriptor-protos';
export { contractRegistry } from './contract-registry';
