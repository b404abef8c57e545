import { F32, F32_ADD, F32_CONVERT_I32_U, FunctionBuilder, I32, I32_ADD, i32, i32load, moduleBytes, SHARED_MEMORY_MAX_PAGES, uleb, V128 } from './wasm-assembler';

describe('wasm assembler', () => {
  it('encodes unsigned LEB128', () => {
    expect(uleb(0)).toEqual([0]);
    expect(uleb(127)).toEqual([127]);
    expect(uleb(128)).toEqual([0x80, 1]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
  });

  it('builds a valid module whose loops, locals of several types and negative constants run', () => {
    // sum(n) = sum over i < n of (i - 3), as a float
    const f = new FunctionBuilder('sum', [['n', I32]], [F32]);
    f.declare(I32, 'i');
    f.declare(V128, 'unused');
    f.declare(F32, 'acc');
    f.emit(
      f.for('i', i32(0), f.get('n'), i32(1), f.let('acc', f.get('acc'), f.get('i'), i32(-3), I32_ADD, 0xb2 /* f32.convert_i32_s */, F32_ADD)),
      f.get('acc'),
    );
    const g = new FunctionBuilder('twice', [['x', I32]], [F32]);
    g.emit(g.get('x'), g.get('x'), I32_ADD, F32_CONVERT_I32_U);
    const bytes = moduleBytes([f, g]);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const e = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as { sum(n: number): number; twice(x: number): number; memory: WebAssembly.Memory };
    expect(e.sum(10)).toBe(45 - 30);
    expect(e.sum(0)).toBe(0);
    expect(e.twice(300)).toBe(600);
    expect(e.memory.buffer.byteLength).toBe(65536);
  });

  it('builds a module on an imported shared memory that instances on several threads can share', () => {
    const read = new FunctionBuilder('read', [['at', I32]], [I32]);
    read.emit(read.get('at'), i32load());
    const bytes = moduleBytes([read], 'shared');
    expect(WebAssembly.validate(bytes)).toBe(true);
    const module = new WebAssembly.Module(bytes);
    expect(() => new WebAssembly.Instance(module, {})).toThrow();
    const memory = new WebAssembly.Memory({ initial: 1, maximum: SHARED_MEMORY_MAX_PAGES, shared: true });
    const [a, b] = [0, 1].map(() => new WebAssembly.Instance(module, { env: { memory } }).exports as { read(at: number): number; memory: WebAssembly.Memory });
    expect(a.memory).toBe(memory);
    expect(memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    new Int32Array(memory.buffer)[3] = 77;
    expect(b.read(12)).toBe(77);
    // Growth made through one instance is seen by the other: both address the one memory.
    memory.grow(1);
    new Int32Array(memory.buffer)[16384 + 1] = -5;
    expect(a.read(65536 + 4)).toBe(-5);
  });

  it('refuses a local declared twice or used undeclared, naming it', () => {
    const f = new FunctionBuilder('k', [['a', I32]]);
    expect(() => f.declare(F32, 'a')).toThrow('k: local a declared twice');
    expect(() => f.get('b')).toThrow('k: no local b');
  });
});
