import { isUtf8 } from 'node:buffer';
import { ScalarType, type DescField, type DescMessage } from '@bufbuild/protobuf';
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import type { FieldViolation } from './rpc-error';

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const INT32 = { min: -(2n ** 31n), max: 2n ** 31n - 1n, says: 'beyond the range of an int32' };
const UINT32 = { min: 0n, max: 2n ** 32n - 1n, says: 'beyond the range of a uint32' };
const EXACT = { min: -SAFE, max: SAFE, says: 'beyond ±(2^53-1), the range a JavaScript number holds exactly' };
const RANGES = new Map<ScalarType, { min: bigint; max: bigint; says: string }>([
  [ScalarType.INT32, INT32],
  [ScalarType.SINT32, INT32],
  [ScalarType.UINT32, UINT32],
  ...[ScalarType.INT64, ScalarType.SINT64, ScalarType.UINT64, ScalarType.FIXED64, ScalarType.SFIXED64].map((t) => [t, EXACT] as const),
]);
const WIRE_NAMES = ['VARINT (0)', 'I64 (1)', 'LEN (2)', 'SGROUP (3)', 'EGROUP (4)', 'I32 (5)'];
const I64: ScalarType[] = [ScalarType.DOUBLE, ScalarType.FIXED64, ScalarType.SFIXED64];
const I32: ScalarType[] = [ScalarType.FLOAT, ScalarType.FIXED32, ScalarType.SFIXED32];

class Violation extends Error {
  constructor(
    readonly field: string,
    description: string,
  ) {
    super(description);
  }
}

/**
 * The first thing in `bytes` that the generated decoders would get wrong or silently drop, named by
 * the field it is in ("samples.2.text"; "(request)" outside any field): a tag that is no tag, a field
 * whose wire type is not its type's (the decoders skip it, so a malformed request would pass as one
 * that left the field unset), a value cut off by the end of its message, a string that is not UTF-8
 * (the decoders substitute U+FFFD), an integer beyond its type's range (the decoders keep the low 32
 * bits of an int32 or uint32, so 2^32 + 5 would pass as 5) or a 64-bit one beyond what a JavaScript
 * number holds exactly (the decoders throw without saying where). Unknown fields are legal, as
 * protobuf wants them.
 */
export function wireFormatViolation(message: DescMessage, bytes: Uint8Array): FieldViolation | undefined {
  const reader = new BinaryReader(bytes);
  try {
    checkMessage(message, reader, bytes.length, '');
    return undefined;
  } catch (error) {
    if (error instanceof Violation) return { field: error.field, description: error.message };
    throw error;
  }
}

function checkMessage(message: DescMessage, reader: BinaryReader, end: number, prefix: string): void {
  const where = prefix === '' ? '(request)' : prefix.slice(0, -1);
  const seen = new Map<number, number>();
  while (reader.pos < end) {
    const at = reader.pos;
    const [number, wireType] = guard(where, () => reader.tag(), `holds no valid field tag at byte ${at}`);
    const field = message.fields.find((f) => f.number === number);
    if (!field) {
      // uint64() rejects a varint longer than 10 bytes; skip() would not.
      guard(where, () => (wireType === WireType.Varint ? reader.uint64() : reader.skip(wireType, number)), `has an unknown field ${number} that does not parse`);
      continue;
    }
    const index = seen.get(number) ?? 0;
    seen.set(number, index + 1);
    checkField(field, wireType, reader, `${prefix}${field.name}`, index);
  }
  if (reader.pos > end) throw new Violation(where, 'is cut off: its last field runs past its end');
}

function checkField(field: DescField, wireType: WireType, reader: BinaryReader, path: string, index: number): void {
  switch (field.fieldKind) {
    case 'scalar':
      expectWireType(path, wireType, scalarWireType(field.scalar), field.scalar);
      return checkScalar(field.scalar, reader, path);
    case 'enum':
      expectWireType(path, wireType, WireType.Varint);
      return checkScalar(ScalarType.INT32, reader, path);
    case 'message':
      expectWireType(path, wireType, WireType.LengthDelimited);
      return checkNested(field.message, reader, `${path}.`, path);
    case 'list': {
      if (field.listKind === 'message') {
        expectWireType(path, wireType, WireType.LengthDelimited);
        return checkNested(field.message, reader, `${path}.${index}.`, path);
      }
      const scalar = field.listKind === 'enum' ? ScalarType.INT32 : field.scalar;
      const element = scalarWireType(scalar);
      if (wireType === element) return checkScalar(scalar, reader, `${path}.${index}`);
      // Packed: the elements one after the other in one LEN record.
      expectWireType(path, wireType, WireType.LengthDelimited, scalar);
      if (element === WireType.LengthDelimited) return checkScalar(scalar, reader, path);
      const end = lengthOf(reader, path);
      while (reader.pos < end) checkScalar(scalar, reader, path);
      if (reader.pos > end) throw new Violation(path, 'has a packed element cut off by the end of the field');
      return;
    }
    case 'map': {
      expectWireType(path, wireType, WireType.LengthDelimited);
      const end = lengthOf(reader, path);
      while (reader.pos < end) {
        const [number, entryWireType] = guard(path, () => reader.tag(), 'holds an entry with no valid field tag');
        if (number === 1) {
          expectWireType(path, entryWireType, scalarWireType(field.mapKey), field.mapKey);
          checkScalar(field.mapKey, reader, path);
        } else if (number !== 2) {
          guard(path, () => reader.skip(entryWireType, number), 'holds an entry cut off by the end of the field');
        } else if (field.mapKind === 'message') {
          expectWireType(path, entryWireType, WireType.LengthDelimited);
          checkNested(field.message, reader, `${path}.`, path);
        } else {
          const scalar = field.mapKind === 'scalar' ? field.scalar : ScalarType.INT32;
          expectWireType(path, entryWireType, scalarWireType(scalar), scalar);
          checkScalar(scalar, reader, path);
        }
      }
      if (reader.pos > end) throw new Violation(path, 'holds an entry cut off by the end of the field');
    }
  }
}

function checkNested(message: DescMessage, reader: BinaryReader, prefix: string, path: string): void {
  const end = lengthOf(reader, path);
  checkMessage(message, reader, end, prefix);
}

/** Reads a LEN record's length and returns where the record ends, which must be inside the message. */
function lengthOf(reader: BinaryReader, path: string): number {
  const length = guard(path, () => reader.uint32(), 'has a malformed length');
  const end = reader.pos + length;
  if (end > reader.len) throw new Violation(path, `is cut off: ${length} bytes announced, ${reader.len - reader.pos} left`);
  return end;
}

function checkScalar(scalar: ScalarType, reader: BinaryReader, path: string): void {
  const wireType = scalarWireType(scalar);
  if (wireType === WireType.LengthDelimited) {
    const start = reader.pos;
    lengthOf(reader, path);
    reader.pos = start;
    const value = reader.bytes();
    if (scalar === ScalarType.STRING && !isUtf8(value)) throw new Violation(path, 'is not valid UTF-8');
    return;
  }
  if (wireType !== WireType.Varint && reader.pos + (wireType === WireType.Bit64 ? 8 : 4) > reader.len) {
    throw new Violation(path, 'is cut off by the end of the message');
  }
  const value = guard(path, () => readInteger(scalar, reader), 'is a malformed varint (more than 10 bytes, or cut off)');
  const range = RANGES.get(scalar);
  if (value !== undefined && range && (value < range.min || value > range.max)) throw new Violation(path, `is ${value}, ${range.says}`);
}

/**
 * An integer as the wire holds it, before the generated decoders cut it to their type: a 64-bit
 * varint read as an int32 keeps its low 32 bits (2^32 + 5 becomes 5), one beyond 2^53 throws.
 * Floating point values and booleans: undefined.
 */
function readInteger(scalar: ScalarType, reader: BinaryReader): bigint | undefined {
  switch (scalar) {
    case ScalarType.INT64:
    case ScalarType.INT32:
      return BigInt(reader.int64());
    case ScalarType.SINT64:
    case ScalarType.SINT32:
      return BigInt(reader.sint64());
    case ScalarType.UINT64:
    case ScalarType.UINT32:
      return BigInt(reader.uint64());
    case ScalarType.FIXED64:
      return BigInt(reader.fixed64());
    case ScalarType.SFIXED64:
      return BigInt(reader.sfixed64());
    case ScalarType.BOOL:
      // uint64() rejects a varint longer than 10 bytes; skip() would not.
      reader.uint64();
      return undefined;
    default:
      reader.skip(scalarWireType(scalar));
      return undefined;
  }
}

function scalarWireType(scalar: ScalarType): WireType {
  if (scalar === ScalarType.STRING || scalar === ScalarType.BYTES) return WireType.LengthDelimited;
  if (I64.includes(scalar)) return WireType.Bit64;
  if (I32.includes(scalar)) return WireType.Bit32;
  return WireType.Varint;
}

function expectWireType(path: string, actual: WireType, expected: WireType, scalar?: ScalarType): void {
  if (actual === expected) return;
  const type = scalar === undefined ? '' : ` for a ${ScalarType[scalar].toLowerCase()}`;
  throw new Violation(path, `has wire type ${WIRE_NAMES[actual]}, expected ${WIRE_NAMES[expected]}${type}`);
}

/** `read()`, with the reader's own errors (bounds, varints) reported as a violation at `path`. */
function guard<T>(path: string, read: () => T, description: string): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof Violation) throw error;
    throw new Violation(path, description);
  }
}
