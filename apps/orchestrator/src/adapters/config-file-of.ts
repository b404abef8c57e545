import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

/**
 * The config file a process was started with, found the way runService and loadConfig find it
 * (--config, else $AERO_CONFIG, else ./config.yaml when it exists); undefined means all defaults.
 * The orchestrator needs the file itself: every run's config is that file plus the run's
 * overrides, and the services it starts in local mode load the same file.
 */
export function configFileOf(argv: string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' } }, strict: false });
  const file = typeof values.config === 'string' ? values.config : env.AERO_CONFIG;
  if (file) return path.resolve(file);
  return fs.existsSync('config.yaml') ? path.resolve('config.yaml') : undefined;
}
