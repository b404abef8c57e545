import { fromJson, ScalarType, toBinary, type DescField, type DescMessage, type DescMethod, type JsonObject, type JsonValue } from '@bufbuild/protobuf';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { contractRegistry } from '@aero/contracts';
import { BASE_REQUESTS, NAME_FIELDS, PATH_FIELDS } from './base-requests';

/** One malformed request: its raw bytes and the field the answer must name ("(request)": none). */
export interface HostileRequest {
  /** "Service/Method"; the gRPC path is "/aero.v1.Service/Method". */
  rpc: string;
  streaming: boolean;
  /** What is wrong with it, for the report. */
  kind: string;
  field: string;
  bytes: Buffer;
}

/** 2 MiB: above the longest string any request takes (1,000,000 characters), below gRPC's 4 MiB message cap. */
const HUGE = 'x'.repeat(2 ** 21);
const TRAVERSAL = ['../../etc/passwd', '..', '/etc', 'a/../../b', '..\\..\\x', 'x\u0000y', 'a b', '%2e%2e%2f'];
const OPTION_LIKE = ['-rf', '--help', 'a\u0000b', 'a\nb'];
const WIRE_TYPES = [WireType.Varint, WireType.Bit64, WireType.LengthDelimited, WireType.Bit32, WireType.StartGroup];
const WIRE_NAMES = ['varint', 'i64', 'len', 'i32', 'group'];

type Path = (string | number)[];
type Write = (w: BinaryWriter) => void;

/** Every malformed request for every RPC of every service the contracts define. */
export function hostileRequests(): HostileRequest[] {
  const registry = contractRegistry();
  const out: HostileRequest[] = [];
  for (const service of [...registry.files].flatMap((f) => f.services)) {
    for (const method of service.methods) {
      const rpc = `${service.name}/${method.name}`;
      const base = BASE_REQUESTS[rpc];
      if (!base) throw new Error(`tools/bench/reliability/base-requests.ts has no request for ${rpc}`);
      const streaming = method.methodKind === 'server_streaming';
      const add = (kind: string, field: string, bytes: Uint8Array) => out.push({ rpc, streaming, kind, field, bytes: Buffer.from(bytes) });
      for (const [kind, field, bytes] of undecodable(method, base.request)) add(kind, field, bytes);
      for (const mutation of fieldMutations(method.input, base.request, [])) {
        add(mutation.kind, mutation.path.join('.'), encodeMutated(method.input, base.request, mutation.path, mutation.write));
      }
      for (const field of base.required) {
        const path = field.split('.');
        add('missing required field', field, encodeMutated(method.input, base.request, path, undefined));
      }
    }
  }
  return out;
}

/** Bytes no decoder should take, whatever the message. */
function undecodable(method: DescMethod, request: JsonObject): [string, string, Uint8Array][] {
  const first = method.input.fields.find((f) => f.number === 1)?.name ?? '(request)';
  const valid = toBinary(method.input, fromJson(method.input, request));
  const w = () => new BinaryWriter();
  return [
    ['unterminated varint tag', '(request)', new Uint8Array([0xff, 0xff, 0xff])],
    ['field number 0', '(request)', new Uint8Array([0x00])],
    ['wire type 6', '(request)', new Uint8Array([(1 << 3) | 6, 1])],
    ['wire type 7', '(request)', new Uint8Array([(1 << 3) | 7, 1])],
    ['tag beyond uint32', '(request)', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0x01])],
    ['end group without start, field 1', first, w().tag(1, WireType.EndGroup).finish()],
    ['unclosed group, unknown field', '(request)', w().tag(99, WireType.StartGroup).uint32(5).finish()],
    ['unknown LEN field cut off', '(request)', new Uint8Array([...w().tag(99, WireType.LengthDelimited).finish(), 50, 1, 2])],
    ['unknown i64 field cut off', '(request)', new Uint8Array([...w().tag(99, WireType.Bit64).finish(), 1, 2, 3])],
    ['unknown 11-byte varint', '(request)', new Uint8Array([...w().tag(99, WireType.Varint).finish(), ...Array<number>(11).fill(0xff), 1])],
    ['valid request, then a LEN field 1 with no length', first, new Uint8Array([...valid, ...w().tag(1, WireType.LengthDelimited).finish(), 0x80])],
  ];
}

interface Mutation {
  kind: string;
  path: Path;
  /** Writes the field's replacement (tag and value). */
  write: Write;
}

/** The mutations of every field of `message` set in `value`, and of the fields of its message fields, recursively. */
function fieldMutations(message: DescMessage, value: JsonObject, prefix: Path): Mutation[] {
  const out: Mutation[] = [];
  for (const field of message.fields) {
    const path = [...prefix, field.name];
    const at = (kind: string, write: Write, p: Path = path) => out.push({ kind, path: p, write });
    for (const wireType of WIRE_TYPES.filter((t) => !allowedWireTypes(field).includes(t))) {
      at(`wrong wire type (${WIRE_NAMES[WIRE_TYPES.indexOf(wireType)]})`, (w) => writeAnyOfType(w, field.number, wireType));
    }
    const set = value[field.name];
    if (field.fieldKind === 'message' || (field.fieldKind === 'list' && field.listKind === 'message')) {
      const element = field.fieldKind === 'list' ? [...path, 0] : path;
      at('garbage inside a message field', (w) => w.tag(field.number, WireType.LengthDelimited).bytes(new Uint8Array([0xff, 0xff, 0xff])), element);
      at('nested field running past its message', (w) => w.tag(field.number, WireType.LengthDelimited).bytes(new Uint8Array([(1 << 3) | WireType.LengthDelimited, 100, 1])), element);
      const child = field.fieldKind === 'list' ? (set as JsonValue[] | undefined)?.[0] : set;
      if (child && typeof child === 'object' && !Array.isArray(child)) out.push(...fieldMutations(field.message, child, element));
      continue;
    }
    if (field.fieldKind === 'map') {
      const entry = (key: string, write: Write) => (w: BinaryWriter) => {
        const e = new BinaryWriter().tag(1, WireType.LengthDelimited).string(key);
        write(e);
        w.tag(field.number, WireType.LengthDelimited).bytes(e.finish());
      };
      const text = (s: string) => (w: BinaryWriter) => w.tag(2, WireType.LengthDelimited).string(s);
      at('map key naming no setting', entry('../../no.such.setting', text('1')));
      at('map value out of range', entry('aero.rounds', text('-1')));
      at('map value not a number', entry('aero.rounds', text('many')));
      at('map value huge', entry('aero.rounds', text(HUGE)));
      at('map value of the wrong wire type', entry('aero.rounds', (w) => w.tag(2, WireType.Varint).uint32(1)));
      continue;
    }
    // Scalars, enums and their lists: one bad value (in a list, as its only element).
    const target = field.fieldKind === 'list' ? [...path, 0] : path;
    for (const [kind, write] of badValues(field)) at(kind, write, target);
  }
  return out;
}

function badValues(field: DescField): [string, Write][] {
  const n = field.number;
  const scalar = field.fieldKind === 'scalar' || (field.fieldKind === 'list' && field.listKind === 'scalar') ? field.scalar : undefined;
  if (field.fieldKind === 'enum' || (field.fieldKind === 'list' && field.listKind === 'enum')) {
    return [
      ['enum value 999', (w) => w.tag(n, WireType.Varint).int32(999)],
      ['enum value -1', (w) => w.tag(n, WireType.Varint).int32(-1)],
      ['enum value 2^31', (w) => w.tag(n, WireType.Varint).uint64(2n ** 31n)],
    ];
  }
  const varint = (kind: string, v: bigint): [string, Write] => [kind, (w) => w.tag(n, WireType.Varint).uint64(BigInt.asUintN(64, v))];
  const double = (kind: string, v: number): [string, Write] => [kind, (w) => w.tag(n, WireType.Bit64).double(v)];
  const text = (kind: string, s: string): [string, Write] => [kind, (w) => w.tag(n, WireType.LengthDelimited).string(s)];
  switch (scalar) {
    case ScalarType.UINT32:
      return [varint('uint32 max', 2n ** 32n - 1n), varint('2^32 + 5 in a uint32', 2n ** 32n + 5n)];
    case ScalarType.INT64:
      return [varint('-1', -1n), varint('2^53 - 1', 2n ** 53n - 1n), varint('2^60', 2n ** 60n)];
    case ScalarType.UINT64:
      return [varint('2^53', 2n ** 53n), varint('uint64 max', 2n ** 64n - 1n)];
    case ScalarType.DOUBLE:
      return [double('NaN', NaN), double('+Infinity', Infinity), double('-Infinity', -Infinity), double('-1e300', -1e300), double('1e300', 1e300)];
    case ScalarType.STRING: {
      const values: [string, Write][] = [
        text('huge string (2 MiB)', HUGE),
        ['invalid UTF-8', (w) => w.tag(n, WireType.LengthDelimited).bytes(new Uint8Array([0xc3, 0x28]))],
      ];
      if (NAME_FIELDS.includes(field.name)) values.push(...TRAVERSAL.map((s) => text(`path-traversal name ${JSON.stringify(s)}`, s)));
      if (PATH_FIELDS.includes(field.name)) values.push(...OPTION_LIKE.map((s) => text(`option-like path ${JSON.stringify(s)}`, s)));
      return values;
    }
    default:
      // booleans: every varint is a valid bool; only their wire type can be wrong
      return [];
  }
}

/** Wire types a field may arrive with: its own, and LEN for a packed list of numbers. */
function allowedWireTypes(field: DescField): WireType[] {
  if (field.fieldKind === 'message' || field.fieldKind === 'map') return [WireType.LengthDelimited];
  if (field.fieldKind === 'list' && field.listKind === 'message') return [WireType.LengthDelimited];
  const scalar = field.fieldKind === 'scalar' || (field.fieldKind === 'list' && field.listKind === 'scalar') ? field.scalar : ScalarType.INT32;
  const own =
    scalar === ScalarType.STRING || scalar === ScalarType.BYTES
      ? WireType.LengthDelimited
      : scalar === ScalarType.DOUBLE || scalar === ScalarType.FIXED64 || scalar === ScalarType.SFIXED64
        ? WireType.Bit64
        : scalar === ScalarType.FLOAT || scalar === ScalarType.FIXED32 || scalar === ScalarType.SFIXED32
          ? WireType.Bit32
          : WireType.Varint;
  return field.fieldKind === 'list' ? [own, WireType.LengthDelimited] : [own];
}

function writeAnyOfType(w: BinaryWriter, number: number, wireType: WireType): void {
  w.tag(number, wireType);
  if (wireType === WireType.Varint) w.uint32(1);
  else if (wireType === WireType.Bit64) w.fixed64(1);
  else if (wireType === WireType.LengthDelimited) w.string('1');
  else if (wireType === WireType.Bit32) w.fixed32(1);
  else w.tag(number, WireType.EndGroup);
}

/**
 * `value` encoded as `message` with the field at `path` replaced by what `write` writes (left out
 * when undefined). Protobuf takes fields in any order, so the replacement simply goes last.
 */
function encodeMutated(message: DescMessage, value: JsonObject, path: Path, write: Write | undefined): Uint8Array {
  const [name, ...rest] = path;
  const field = message.fields.find((f) => f.name === name);
  if (!field) throw new Error(`${message.typeName} has no field ${String(name)}`);
  const others = { ...value };
  delete others[field.name];
  const w = new BinaryWriter();
  w.raw(toBinary(message, fromJson(message, others)));
  if (rest.length === 0) {
    write?.(w);
  } else if (field.fieldKind === 'list' && field.listKind === 'message') {
    const [index, ...inner] = rest as [number, ...Path];
    const elements = (value[field.name] ?? []) as JsonObject[];
    // An element at the end of the list (or of one the request leaves empty) is added.
    for (let i = 0; i < Math.max(elements.length, index + 1); i++) {
      const element = elements[i] ?? {};
      if (i === index && inner.length === 0) write?.(w);
      else if (i === index) w.tag(field.number, WireType.LengthDelimited).bytes(encodeMutated(field.message, element, inner, write));
      else w.tag(field.number, WireType.LengthDelimited).bytes(toBinary(field.message, fromJson(field.message, element)));
    }
  } else if (field.fieldKind === 'list') {
    write?.(w);
  } else if (field.fieldKind === 'message') {
    w.tag(field.number, WireType.LengthDelimited).bytes(encodeMutated(field.message, (value[field.name] ?? {}) as JsonObject, rest, write));
  } else {
    throw new Error(`${message.typeName}.${field.name} has no fields to descend into`);
  }
  return w.finish();
}
