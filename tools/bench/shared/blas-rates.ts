/** An [M, K, N] matrix product: (M x K) times (K x N). */
export type Shape = [number, number, number];

/** Median, minimum and maximum of repeated measurements. */
export interface Stat {
  median: number;
  min: number;
  max: number;
}

/** numpy/OpenBLAS GFLOP/s (median, min, max over reps) on each named set of shapes, at `threads` threads. */
export async function blasRates(sets: Record<string, Shape[]>, threads: number, reps: number): Promise<Record<string, Stat>> {
  const script = [
    'import json, sys, time',
    'import numpy as np',
    'sets = json.loads(sys.argv[1]); reps = int(sys.argv[2]); out = {}',
    'for name, shapes in sets.items():',
    '    mats = [(np.random.rand(m, k).astype(np.float32), np.random.rand(n, k).astype(np.float32)) for m, k, n in shapes]',
    '    flops = sum(2 * m * k * n for m, k, n in shapes)',
    '    calls = max(1, int(2e9 // flops))',
    '    for a, b in mats: a @ b.T',
    '    xs = []',
    '    for _ in range(reps):',
    '        t0 = time.perf_counter()',
    '        for _ in range(calls):',
    '            for a, b in mats: a @ b.T',
    '        xs.append(calls * flops / (time.perf_counter() - t0) / 1e9)',
    '    xs.sort(); out[name] = {"median": xs[len(xs) // 2], "min": xs[0], "max": xs[-1]}',
    'print(json.dumps(out))',
  ].join('\n');
  // execa is ESM-only: under `node --import tsx` this CommonJS module loads it with import().
  const { execa } = await import('execa');
  const env = { OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) };
  const r = await execa('python3', ['-c', script, JSON.stringify(sets), String(reps)], { env });
  return JSON.parse(r.stdout);
}
