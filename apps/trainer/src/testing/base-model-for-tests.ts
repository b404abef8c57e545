import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

// Loaded with import() so this helper also runs under `node --import tsx` (the benchmarks): execa is ESM-only.
const loadExeca = () => import('execa');
const REPO = path.resolve(__dirname, '../../../..');

/**
 * The checkpoint training tests start from: the project's base checkpoint (apps/engine/models/base)
 * when it is there, else a small but real one made in `dir` with the engine's own `pretrain` CLI (a
 * few steps of a one-layer model, seconds). Either way a real model the engine trains and serves.
 */
export async function baseModelForTests(dir: string): Promise<string> {
  const shipped = path.join(REPO, 'apps/engine/models/base');
  if (['config.json', 'model.safetensors'].every((f) => fs.existsSync(path.join(shipped, f)))) return shipped;
  const out = path.join(dir, 'base');
  const benchmark = path.join(dir, 'benchmark.jsonl');
  fs.writeFileSync(benchmark, '{"id":"L1-000","question":"6*2","answer":"12","level":1}\n');
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  const args = ['pretrain', '--out', out, '--seed', '3', '--steps', '2', '--tokens-per-step', '256', '--context', '128', '--d-model', '16',
    '--layers', '1', '--heads', '1', '--workers', '1', '--benchmark', benchmark, '--eval-every', '0', '--eval-limit', '1'];
  const { execa } = await loadExeca();
  await execa(process.execPath, ['--import', tsx, path.join(REPO, 'apps/engine/src/main.ts'), ...args], { cwd: dir });
  return out;
}
