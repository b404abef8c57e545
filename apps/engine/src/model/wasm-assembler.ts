/**
 * Just enough of the WebAssembly binary format to write the engine's kernels in TypeScript, byte by
 * byte, with no toolchain at build or run time. Opcodes follow the WebAssembly core and SIMD
 * specifications; V8 compiles the f32x4 instructions to SSE/AVX, four lanes per instruction.
 */

export type Code = number | readonly Code[];

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F32 | typeof V128;

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function flatten(code: Code, out: number[] = []): number[] {
  if (typeof code === 'number') out.push(code);
  else for (const c of code) flatten(c, out);
  return out;
}

const f32Bytes = (v: number): number[] => [...new Uint8Array(Float32Array.of(v).buffer)];
const i32Bytes = (v: number): number[] => [...new Uint8Array(Int32Array.of(v).buffer)];

// Constants and arithmetic.
export const i32 = (v: number): Code => [0x41, ...sleb(v)];
export const f32 = (v: number): Code => [0x43, ...f32Bytes(v)];
const I32_GE_U = 0x4f;
export const I32_ADD = 0x6a;
export const I32_SUB = 0x6b;
export const I32_MUL = 0x6c;
export const I32_AND = 0x71;
export const I32_SHL = 0x74;
export const F32_SQRT = 0x91;
export const F32_ADD = 0x92;
export const F32_SUB = 0x93;
export const F32_MUL = 0x94;
export const F32_DIV = 0x95;
export const F32_MAX = 0x97;
export const F32_CONVERT_I32_U = 0xb3;
/** select with a v128 result: first operand if the i32 condition is non-zero, else the second. */
export const SELECT_V128: Code = [0x1c, 0x01, V128];

// Memory: natural alignment hints (2^2 for 32-bit values, 2^4 for vectors), a constant byte offset.
export const i32load = (offset = 0): Code => [0x28, 0x02, ...uleb(offset)];
export const f32load = (offset = 0): Code => [0x2a, 0x02, ...uleb(offset)];
export const f32store = (offset = 0): Code => [0x38, 0x02, ...uleb(offset)];
export const v128load = (offset = 0): Code => [0xfd, 0x00, 0x04, ...uleb(offset)];
export const v128load32splat = (offset = 0): Code => [0xfd, 0x09, 0x02, ...uleb(offset)];
export const v128store = (offset = 0): Code => [0xfd, 0x0b, 0x04, ...uleb(offset)];

// SIMD.
const simd = (op: number): Code => [0xfd, ...uleb(op)];
/** A v128 constant with the same 4-byte lane four times. */
const v128const = (lane: number[]): Code => [0xfd, 0x0c, ...lane, ...lane, ...lane, ...lane];
/** An f32x4 constant with v in every lane. */
export const f32x4 = (v: number): Code => v128const(f32Bytes(v));
/** An i32x4 constant with v in every lane. */
export const i32x4 = (v: number): Code => v128const(i32Bytes(v));
export const V128_ZERO = f32x4(0);
/** i8x16.shuffle of two f32x4 operands: lanes 0-3 pick from the first, 4-7 from the second. */
export const shuffle32 = (lanes: readonly [number, number, number, number]): Code => [0xfd, 0x0d, ...lanes.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3])];
export const F32X4_SPLAT = simd(0x13);
export const f32x4lane = (lane: number): Code => [...flatten(simd(0x1f)), lane];
export const F32X4_NEAREST = simd(0x6a);
export const I32X4_SHL = simd(0xab);
export const I32X4_ADD = simd(0xae);
export const F32X4_ADD = simd(0xe4);
export const F32X4_SUB = simd(0xe5);
export const F32X4_MUL = simd(0xe6);
export const F32X4_DIV = simd(0xe7);
export const F32X4_MIN = simd(0xe8);
export const F32X4_MAX = simd(0xe9);
/** Pseudo-minimum b < a ? b : a and pseudo-maximum a < b ? b : a: one SSE instruction each, where min and max need several for NaN and -0. */
export const F32X4_PMIN = simd(0xea);
export const F32X4_PMAX = simd(0xeb);
export const I32X4_TRUNC_SAT_F32X4_S = simd(0xf8);

/**
 * A function under construction: named parameters and locals, and structured loops. Locals are
 * declared by name as the body is written, so a kernel reads like the loop it is.
 */
export class FunctionBuilder {
  private readonly index = new Map<string, number>();
  private readonly locals: ValType[] = [];
  private readonly code: number[] = [];
  private readonly constants = new Map<number, string>();

  constructor(readonly name: string, readonly params: readonly [string, ValType][], readonly results: readonly ValType[] = []) {
    params.forEach(([n], i) => this.index.set(n, i));
  }

  /** Declares locals (once each) of one type. */
  declare(type: ValType, ...names: string[]): void {
    for (const n of names) {
      if (this.index.has(n)) throw new Error(`${this.name}: local ${n} declared twice`);
      this.index.set(n, this.params.length + this.locals.length);
      this.locals.push(type);
    }
  }

  private at(n: string): number[] {
    const i = this.index.get(n);
    if (i === undefined) throw new Error(`${this.name}: no local ${n}`);
    return uleb(i);
  }

  get = (n: string): Code => [0x20, ...this.at(n)];
  set = (n: string): Code => [0x21, ...this.at(n)];
  tee = (n: string): Code => [0x22, ...this.at(n)];

  /** `name = value` */
  let = (n: string, ...value: Code[]): Code => [...value, this.set(n)];

  /** `for (i = from; i < to; i += step) body`, with from, to and step as code that pushes an i32. */
  for = (i: string, from: Code, to: Code, step: Code, ...body: Code[]): Code => [
    from, this.set(i),
    0x02, 0x40, 0x03, 0x40, // block, loop
    this.get(i), to, I32_GE_U, 0x0d, 1, // br_if out of the block
    ...body,
    this.get(i), step, I32_ADD, this.set(i), 0x0c, 0, // br to the loop
    0x0b, 0x0b,
  ];

  /**
   * An f32x4 constant with v in every lane, read from a local that is set once on entry: V8 builds
   * a v128.const anew, in several instructions, at every use, even inside a loop.
   */
  splat = (v: number): Code => {
    let local = this.constants.get(v);
    if (local === undefined) {
      local = `splat${this.constants.size}`;
      this.declare(V128, local);
      this.constants.set(v, local);
    }
    return this.get(local);
  };

  emit(...code: Code[]): void {
    flatten(code, this.code);
  }

  /** The function's entry in the code section. */
  encode(): number[] {
    const groups: number[] = [];
    let count = 0;
    for (let i = 0; i < this.locals.length; i++) {
      if (i > 0 && this.locals[i] !== this.locals[i - 1]) {
        groups.push(...uleb(count), this.locals[i - 1]);
        count = 0;
      }
      count++;
    }
    if (count > 0) groups.push(...uleb(count), this.locals[this.locals.length - 1]);
    const runs = groups.length / 2;
    const init = flatten([...this.constants].map(([v, local]) => [f32x4(v), this.set(local)]));
    const body = [...uleb(runs), ...groups, ...init, ...this.code, 0x0b];
    return [...uleb(body.length), ...body];
  }
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function name(s: string): number[] {
  return [...uleb(s.length), ...Buffer.from(s, 'ascii')];
}

/** The most 64 KiB pages a shared memory may grow to (4 GiB, all of wasm32's address space). */
export const SHARED_MEMORY_MAX_PAGES = 65536;

/**
 * A module of the given functions, each exported under its name, and one exported memory "memory":
 * its own (memory: 'own'), or, with memory: 'shared', one it imports as env.memory, shared and at
 * most SHARED_MEMORY_MAX_PAGES, so that instances on several threads work in the same memory.
 */
export function moduleBytes(functions: readonly FunctionBuilder[], memory: 'own' | 'shared' = 'own'): Uint8Array {
  const types = vec(functions.map((f) => [0x60, ...vec(f.params.map(([, t]) => [t])), ...vec(f.results.map((t) => [t]))]));
  const funcs = vec(functions.map((_, i) => uleb(i)));
  const exports = vec([...functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]), [...name('memory'), 0x02, 0]]);
  const code = vec(functions.map((f) => f.encode()));
  const memorySections = memory === 'own'
    ? section(5, vec([[0x00, 1]]))
    : section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x03, ...uleb(1), ...uleb(SHARED_MEMORY_MAX_PAGES)]]));
  // Sections go in id order: the import section (2) before the function section (3).
  const [beforeFuncs, afterFuncs] = memory === 'own' ? [[], memorySections] : [memorySections, []];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, types), ...beforeFuncs, ...section(3, funcs), ...afterFuncs, ...section(7, exports), ...section(10, code),
  ]);
}
