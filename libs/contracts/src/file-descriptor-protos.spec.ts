import * as fs from 'node:fs';
import * as path from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { fileDescriptorProtos } from './file-descriptor-protos';

const protoRoot = path.resolve(__dirname, '../../../proto');
const protoFiles = fs
  .readdirSync(protoRoot, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.proto'))
  .sort();
const files = fileDescriptorProtos().map((bytes) => fromBinary(FileDescriptorProtoSchema, bytes));

describe('fileDescriptorProtos', () => {
  it('holds one descriptor per file of proto/, plus the well-known file they import', () => {
    expect(files.map((f) => f.name).sort()).toEqual([...protoFiles, 'google/protobuf/any.proto'].sort());
  });

  it('gives each file the imports its .proto declares', () => {
    for (const file of protoFiles) {
      const imports = [...fs.readFileSync(path.join(protoRoot, file), 'utf8').matchAll(/^import "([^"]+)";/gm)].map((m) => m[1]);
      expect({ file, dependency: files.find((f) => f.name === file)?.dependency }).toEqual({ file, dependency: imports });
    }
  });

  it('names map entry types as protoc does, which Python requires', () => {
    const evaluation = files.find((f) => f.name === 'aero/v1/orchestrator.proto')?.messageType.find((m) => m.name === 'Evaluation');
    expect(evaluation?.nestedType.filter((t) => t.options?.mapEntry).map((t) => t.name)).toEqual(['ByLevelEntry']);
  });
});
