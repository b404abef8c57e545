import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '@aero/testing';

const BASE = path.join(repoRoot, 'apps/engine/models/base');

/**
 * A real embedded-engine checkpoint for the run tests: the shipped base checkpoint when it is there
 * (its samples disagree, so ICC runs and every role gets examples), else a one-layer model that the
 * engine's own `pretrain` CLI trains for a few steps in `dir` (seconds; poor outputs, which still
 * exercise all of the machinery).
 */
export async function testModel(dir: string): Promise<{ dir: string; contextLength: number }> {
  if (fs.existsSync(path.join(BASE, 'config.json'))) return { dir: BASE, contextLength: contextLengthOf(BASE) };
  const out = path.join(dir, 'model');
  const benchmark = path.join(dir, 'pretrain-benchmark.jsonl');
  fs.writeFileSync(benchmark, JSON.stringify({ id: 'L1-000', question: '6*2', answer: '12', level: 1 }) + '\n');
  // prettier-ignore
  const args = ['pretrain', '--out', out, '--seed', '5', '--steps', '3', '--tokens-per-step', '512', '--context', '128',
    '--d-model', '16', '--layers', '1', '--heads', '1', '--workers', '1', '--benchmark', benchmark, '--eval-every', '0', '--eval-limit', '1'];
  // import(): a static import of ESM-only execa fails when a tool runs this file with tsx on Node 20.
  const { execa } = await import('execa');
  await execa(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, path.join(repoRoot, 'apps/engine/src/main.ts'), ...args], { cwd: dir });
  return { dir: out, contextLength: contextLengthOf(out) };
}

function contextLengthOf(model: string): number {
  const config = JSON.parse(fs.readFileSync(path.join(model, 'config.json'), 'utf8')) as { architecture?: { contextLength?: number } };
  const length = config.architecture?.contextLength;
  if (typeof length !== 'number') throw new Error(`${model}/config.json has no architecture.contextLength`);
  return length;
}
