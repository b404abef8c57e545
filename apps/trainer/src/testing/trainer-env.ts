import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '@aero/testing';

/**
 * The environment of a trainer under test: an empty config file of its own (so a root config.yaml
 * cannot change what the test expects), the run store in `dir`, the repository's prompt templates
 * (their lengths bound the examples), and `overrides` as AERO__ variables.
 */
export function trainerEnv(dir: string, overrides: Record<string, string> = {}): Record<string, string> {
  const config = path.join(dir, 'config.yaml');
  if (!fs.existsSync(config)) fs.writeFileSync(config, '');
  return {
    AERO_CONFIG: config,
    AERO__RUNS_DIR: path.join(dir, 'runs'),
    AERO__PROMPTS__DIR: path.join(repoRoot, 'libs/prompts/templates'),
    AERO__TRAINING__EMBEDDED__WORKERS: '1',
    ...overrides,
  };
}
