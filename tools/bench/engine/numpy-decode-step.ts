/**
 * The benchmark's KV-cache decode in numpy float32, as a baseline for the engine's: the weights of
 * the same checkpoint, B rows each fed token 5 at positions 0..steps-1, the cache held per layer as
 * [B, heads, T, head size] so that attention is two batched matmuls per layer, and the logits of
 * every step made. Prints {median, min, max} tokens per second over the repetitions, and the last
 * step's logits of row 0, by which the caller checks that both compute the same step.
 */
const SCRIPT = [
  'import json, struct, sys, time',
  'import numpy as np',
  'weights, cfg, B, steps, reps = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])',
  'T, C, L, H = cfg[\'contextLength\'], cfg[\'dModel\'], cfg[\'nLayers\'], cfg[\'nHeads\']',
  'hs = C // H',
  'f32 = np.float32',
  'raw = open(weights, \'rb\').read()',
  'n = struct.unpack(\'<Q\', raw[:8])[0]',
  'p = {k: np.frombuffer(raw, f32, int(np.prod(v[\'shape\'])), 8 + n + v[\'data_offsets\'][0]).reshape(v[\'shape\'])',
  '     for k, v in json.loads(raw[8:8 + n]).items() if k != \'__metadata__\'}',
  'def ln(x, w, b):',
  '    m = x.mean(-1, keepdims=True); d = x - m',
  '    return d / np.sqrt((d * d).mean(-1, keepdims=True) + f32(1e-5)) * w + b',
  'S = f32(np.sqrt(2 / np.pi))',
  'def gelu(x): return 0.5 * x * (1 + np.tanh(S * (x + f32(0.044715) * x * x * x)))',
  'scale = f32(1 / np.sqrt(hs))',
  'kc = [np.zeros((B, H, T, hs), f32) for _ in range(L)]',
  'vc = [np.zeros((B, H, T, hs), f32) for _ in range(L)]',
  'tok = np.full(B, 5)',
  'def step(pos):',
  '    x = p[\'wte\'][tok] + p[\'wpe\'][pos]',
  '    for l in range(L):',
  '        h = f\'h.{l}.\'',
  '        qkv = ln(x, p[h + \'ln1.w\'], p[h + \'ln1.b\']) @ p[h + \'qkv.w\'].T + p[h + \'qkv.b\']',
  '        q, k, v = (qkv[:, i * C:(i + 1) * C].reshape(B, H, 1, hs) for i in range(3))',
  '        kc[l][:, :, pos:pos + 1] = k; vc[l][:, :, pos:pos + 1] = v',
  '        sc = q @ kc[l][:, :, :pos + 1].transpose(0, 1, 3, 2) * scale',
  '        sc = np.exp(sc - sc.max(-1, keepdims=True)); sc /= sc.sum(-1, keepdims=True)',
  '        x = x + (sc @ vc[l][:, :, :pos + 1]).reshape(B, C) @ p[h + \'proj.w\'].T + p[h + \'proj.b\']',
  '        x = x + gelu(ln(x, p[h + \'ln2.w\'], p[h + \'ln2.b\']) @ p[h + \'fc.w\'].T + p[h + \'fc.b\']) @ p[h + \'fcproj.w\'].T + p[h + \'fcproj.b\']',
  '    return ln(x, p[\'lnf.w\'], p[\'lnf.b\']) @ p[\'wte\'].T',
  'for pos in range(steps): step(pos)',
  'xs = []',
  'for _ in range(reps):',
  '    t0 = time.perf_counter()',
  '    for pos in range(steps): logits = step(pos)',
  '    xs.append(B * steps / (time.perf_counter() - t0))',
  'xs.sort()',
  'print(json.dumps({\'median\': xs[len(xs) // 2], \'min\': xs[0], \'max\': xs[-1], \'logits\': logits[0].tolist()}))',
].join('\n');

export interface NumpyDecode {
  median: number;
  min: number;
  max: number;
  /** Row 0's logits at the last position. */
  logits: number[];
}

/** Tokens per second of the numpy decode of B rows over positions 0..steps-1, on `threads` OpenBLAS threads (1 by default, as the engine's step). */
export async function numpyDecodeRate(weightsFile: string, cfg: object, B: number, steps: number, reps: number, threads = 1): Promise<NumpyDecode> {
  // execa is ESM-only: under `node --import tsx` this CommonJS module loads it with import().
  const { execa } = await import('execa');
  const env = { OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) };
  const r = await execa('python3', ['-c', SCRIPT, weightsFile, JSON.stringify(cfg), String(B), String(steps), String(reps)], { env });
  return JSON.parse(r.stdout);
}
