import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCheckpoint } from '../checkpoint/checkpoint';
import { DEFAULT_BENCHMARK, readBenchmark } from '../eval/benchmark';
import { pretrain, PretrainOptions } from './pretrain';

describe('pretrain', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'engine-pretrain-'));
  // One problem per level keeps the final evaluation short.
  const benchmark = path.join(dir, 'bench.jsonl');
  const items = readBenchmark(DEFAULT_BENCHMARK);
  writeFileSync(benchmark, [1, 2, 3, 4, 5, 6, 7, 8].map((l) => JSON.stringify(items.find((i) => i.level === l))).join('\n') + '\n');
  const options = (out: string, seed: number): PretrainOptions => ({
    out: path.join(dir, out), seed, steps: 3, tokensPerStep: 256, levelWeights: [1, 1, 1, 1, 0, 0, 0, 0], refinerLevelWeights: [1, 1, 1, 1, 0, 0, 0, 0], roleMix: [0.7, 0.2, 0.06, 0.04], refinerWrongShare: 0.5, positionShift: 16, lr: 3e-3, warmupSteps: 1, workers: 0,
    model: { contextLength: 128, dModel: 16, nLayers: 1, nHeads: 2 }, benchmark, evalEvery: 0, evalLimit: 5, overwrite: false,
    command: ['pretrain', '--seed', String(seed)],
  });

  beforeAll(() => jest.spyOn(console, 'log').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('is reproducible from its seed and writes a manifest quoting the weights it wrote', async () => {
    await pretrain(options('a', 5));
    await pretrain(options('b', 5));
    await pretrain(options('c', 6));
    const weights = (d: string): Buffer => readFileSync(path.join(dir, d, 'model.safetensors'));
    expect(weights('a').equals(weights('b'))).toBe(true);
    expect(weights('a').equals(weights('c'))).toBe(false);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'a', 'manifest.json'), 'utf8'));
    const { createHash } = await import('node:crypto');
    expect(manifest.weights_sha256).toBe(createHash('sha256').update(weights('a')).digest('hex'));
    expect(manifest).toMatchObject({ command: 'node --import tsx apps/engine/src/main.ts pretrain --seed 5', seed: 5, steps: 3 });
    expect(manifest.benchmark.levels).toHaveLength(8);
    expect(loadCheckpoint(path.join(dir, 'a')).provenance).toMatchObject({ kind: 'pretrain', seed: 5, steps: 3 });
  });

  it('refuses to replace an existing checkpoint unless asked', async () => {
    await pretrain(options('d', 1));
    await expect(pretrain(options('d', 1))).rejects.toThrow('already exists');
  });
});
