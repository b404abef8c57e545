import type { ReflectionService } from '@grpc/reflection';
import { fileDescriptorProtos } from '@aero/contracts';

/**
 * The contracts for @grpc/reflection's ReflectionService, which reads nothing of a package definition
 * but its entries' `fileDescriptorProtos`: it indexes those files by name and symbol and serves them
 * (decoded and re-encoded by protobufjs: the same bytes for these files, as start-server.spec checks).
 * One entry carrying the compiler's descriptors makes it serve those; a proto-loader definition would
 * carry protobufjs' re-rendering instead (one file `aero_v1.proto` for the whole package, no imports,
 * map entry types named `By_level` where protoc says `ByLevelEntry`), which Python's protobuf refuses.
 */
export function reflectionPackageDefinition(): ConstructorParameters<typeof ReflectionService>[0] {
  return {
    contracts: { format: 'Protocol Buffer 3 DescriptorProto', type: {}, fileDescriptorProtos: fileDescriptorProtos() },
  };
}
