import { create, createFileRegistry, fromBinary, type FileRegistry } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { fileDescriptorProtos } from './file-descriptor-protos';

let cached: FileRegistry | undefined;

/**
 * The compiler's descriptors of every contract message, enum and service, for code that needs to know
 * a message's fields at run time (the service kit's wire-format check, tools that build raw requests).
 */
export function contractRegistry(): FileRegistry {
  cached ??= createFileRegistry(create(FileDescriptorSetSchema, { file: fileDescriptorProtos().map((bytes) => fromBinary(FileDescriptorProtoSchema, bytes)) }));
  return cached;
}
