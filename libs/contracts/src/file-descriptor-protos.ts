import * as fs from 'node:fs';
import * as path from 'node:path';
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';

/** The google.protobuf.FileDescriptorSet that `buf build` makes of proto/ (tools/proto/generate.sh). */
const descriptorSet = path.join(__dirname, 'generated/file-descriptor-set.binpb');

let cached: Buffer[] | undefined;

/**
 * One serialized FileDescriptorProto per contract file and per file it imports, as the compiler emitted
 * it: its own name, package and real dependencies. Sliced out of the set rather than decoded and
 * re-encoded, so no field a decoder does not know is lost on the way to a reflection client.
 */
export function fileDescriptorProtos(): Buffer[] {
  if (cached) return cached;
  const reader = new BinaryReader(fs.readFileSync(descriptorSet));
  const files: Buffer[] = [];
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    // `repeated FileDescriptorProto file = 1` is the set's only field.
    if (field === 1 && wireType === WireType.LengthDelimited) files.push(Buffer.from(reader.bytes()));
    else reader.skip(wireType);
  }
  cached = files;
  return files;
}
