import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { execa } from 'execa';
import { engineCli } from './engine-cli';

/**
 * A tiny real checkpoint made by the engine's own `pretrain` (2 steps, 1 layer, d_model 16): random
 * enough that two seeds give different greedy text, fast enough for tests, and with a long context
 * so greedy generations (which repeat one character) run long enough to be interrupted.
 */
export async function makeTestCheckpoint(dir: string, seed: number, context = 1024): Promise<string> {
  const out = path.join(dir, `model-${seed}`);
  const benchmark = path.join(dir, 'one-problem.jsonl');
  if (!existsSync(benchmark)) writeFileSync(benchmark, JSON.stringify({ id: 'L1-000', question: '6*2', answer: '12', level: 1 }) + '\n');
  const args = engineCli.args(
    'pretrain', '--out', out, '--seed', String(seed), '--steps', '2', '--tokens-per-step', '64', '--warmup-steps', '1',
    '--context', String(context), '--d-model', '16', '--layers', '1', '--heads', '2', '--workers', '1',
    '--benchmark', benchmark, '--eval-every', '0', '--eval-limit', '1',
  );
  const result = await execa(engineCli.node, args, { reject: false });
  if (result.exitCode !== 0) throw new Error(`pretrain failed (${result.exitCode}): ${result.stderr}`);
  return out;
}
