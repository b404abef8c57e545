import * as path from 'node:path';
import * as protoLoader from '@grpc/proto-loader';

/** Folder holding `aero/v1/*.proto`: the single source of truth for every language. */
export const protoRoot = path.resolve(__dirname, '../../../proto');

/** The contract files, relative to protoRoot. */
export const protoFiles = [
  'aero/v1/common.proto',
  'aero/v1/inference_gateway.proto',
  'aero/v1/synth.proto',
  'aero/v1/analyzer.proto',
  'aero/v1/verifier.proto',
  'aero/v1/trainer.proto',
  'aero/v1/orchestrator.proto',
];

let cached: protoLoader.PackageDefinition | undefined;

/** Descriptor-level view of the contracts, for server reflection. */
export function loadPackageDefinition(): protoLoader.PackageDefinition {
  cached ??= protoLoader.loadSync(protoFiles, { includeDirs: [protoRoot], keepCase: true });
  return cached;
}
