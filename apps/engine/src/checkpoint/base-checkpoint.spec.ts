import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { embeddedTemplates } from '../corpus/embedded-templates';
import { TAUGHT_LEVELS } from '../domain/generate-problem';
import { DEFAULT_BENCHMARK, readBenchmark } from '../eval/benchmark';
import { evaluate } from '../eval/evaluate';
import { Decoder } from '../model/decoder';
import { loadCheckpoint } from './checkpoint';

const MODELS = path.resolve(__dirname, '../../models');
const BASE = path.join(MODELS, 'base');

describe('shipped base checkpoint (apps/engine/models/base)', () => {
  const manifest = JSON.parse(readFileSync(path.join(BASE, 'manifest.json'), 'utf8'));
  const items = readBenchmark(DEFAULT_BENCHMARK);

  it.each([['pretrained'], ['base']])('models/%s is the file its manifest describes, rebuilt by its recipe, and small enough for git', (name) => {
    const dir = path.join(MODELS, name);
    const own = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    const weights = readFileSync(path.join(dir, 'model.safetensors'));
    expect(createHash('sha256').update(weights).digest('hex')).toBe(own.weights_sha256);
    expect(weights.length).toBeLessThan(8 * 1024 * 1024);
    expect(own.command).toBe(`node --import tsx apps/engine/src/main.ts pretrain --recipe ${name} --overwrite`);
  });

  it('continues the pretrained checkpoint', () => {
    const provenance = JSON.parse(readFileSync(path.join(BASE, 'config.json'), 'utf8')).provenance;
    const pretrained = JSON.parse(readFileSync(path.join(MODELS, 'pretrained', 'config.json'), 'utf8')).provenance;
    expect(provenance.init_from.provenance).toEqual(pretrained);
  });

  it('scores on the benchmark exactly what its manifest records', async () => {
    const ck = loadCheckpoint(BASE);
    const report = await evaluate(new Decoder(ck.cfg, ck.params), ck.tokenizer, embeddedTemplates().solver, items, { k: 0, seed: 0 });
    expect(report.overall.greedy).toBeCloseTo(manifest.benchmark.greedy_pass_at_1, 6);
  }, 120_000);

  it('has room to grow: it solves the taught levels better than the levels above them, and disagrees with itself there', async () => {
    const ck = loadCheckpoint(BASE);
    const pick = (level: number): typeof items => items.filter((i) => i.level === level).slice(0, 16);
    const taught = TAUGHT_LEVELS[0];
    const above = TAUGHT_LEVELS.at(-1)! + 2;
    const report = await evaluate(new Decoder(ck.cfg, ck.params), ck.tokenizer, embeddedTemplates().solver, [...pick(taught), ...pick(above)], { k: 8, seed: 0 });
    const [easy, hard] = report.levels;
    expect(easy.greedy).toBeGreaterThan(hard.greedy);
    expect(hard.greedy).toBeLessThan(0.9);
    expect(hard.disagree).toBeGreaterThan(0.25);
  }, 120_000);
});
