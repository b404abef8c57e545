import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '@aero/testing';

const BASE = path.join(repoRoot, 'apps/engine/models/base');
const ENGINE_MAIN = path.join(repoRoot, 'apps/engine/src/main.ts');

export interface EngineModel {
  dir: string;
  /** Context length of the checkpoint (prompt + completion tokens). */
  contextLength: number;
  /** True for the shipped base checkpoint, false for a throwaway model. */
  trained: boolean;
}

/**
 * The shipped base checkpoint when it exists (checkpoints are written atomically, so a present
 * config.json means a whole model); otherwise a tiny model made with the engine's own `pretrain`
 * CLI in a temp folder: real weights and real sampling, only untrained.
 */
export async function engineModel(): Promise<EngineModel> {
  if (existsSync(path.join(BASE, 'config.json'))) return { dir: BASE, contextLength: contextOf(BASE), trained: true };
  const work = mkdtempSync(path.join(os.tmpdir(), 'aero-tiny-model-'));
  const benchmark = path.join(work, 'benchmark.jsonl');
  writeFileSync(benchmark, JSON.stringify({ id: 'L1-000', question: '6*2', answer: '12', level: 1 }) + '\n');
  const dir = path.join(work, 'model');
  const args = ['pretrain', '--out', dir, '--steps', '3', '--d-model', '32', '--layers', '1', '--heads', '2'];
  args.push('--workers', '1', '--tokens-per-step', '512', '--benchmark', benchmark, '--eval-every', '0', '--eval-limit', '1');
  await execa(process.execPath, ['--import', 'tsx', ENGINE_MAIN, ...args], { cwd: repoRoot });
  return { dir, contextLength: contextOf(dir), trained: false };
}

function contextOf(dir: string): number {
  const config = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as { architecture: { contextLength: number } };
  return config.architecture.contextLength;
}
