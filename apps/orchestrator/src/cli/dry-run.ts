import * as path from 'node:path';
import type { AeroConfig } from '@aero/config';
import { tsxRequireHook } from '@aero/process';
import { deriveSeed } from '../domain/derive-seed';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
// execa is ESM-only: this CommonJS module can load it only with import().
const loadExeca = () => import('execa');

/**
 * `aero run --dry-run`: what the run would start and write, printed by the services' own code (the
 * gateway's vllm command lines, the trainer's LLaMA-Factory YAML files and dataset_info.json for
 * round 1), run as separate processes exactly as the services load the config. Starts nothing.
 * Overrides given with --set reach them as AERO__ variables.
 */
export async function dryRun(config: AeroConfig, configFile: string | undefined, runName: string, overrides: Record<string, string>): Promise<void> {
  const { execa } = await loadExeca();
  const env = Object.fromEntries(Object.entries(overrides).map(([key, value]) => [`AERO__${key.split('.').join('__').toUpperCase()}`, value]));
  const configArgs = configFile ? ['--config', configFile] : [];
  const seed = String(deriveSeed(config.aero.seed, 1, 'train'));
  const scripts: [string, string[]][] = [
    ['apps/inference-gateway/src/dry-run.ts', configArgs],
    ['apps/trainer/src/dry-run.ts', [...configArgs, '--run', runName, '--seed', seed]],
  ];
  for (const [script, args] of scripts) {
    const result = await execa(process.execPath, ['--require', tsxRequireHook(), path.join(REPO_ROOT, script), ...args], { cwd: REPO_ROOT, env, reject: false });
    if (result.exitCode !== 0) throw new Error(`${script} failed: ${result.stderr || result.stdout}`);
    console.log(`\n${result.stdout}`);
  }
}
