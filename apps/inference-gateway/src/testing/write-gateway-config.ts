import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';

/**
 * A config.yaml of the gateway's own for one test (so the repository's config.yaml cannot change
 * what the test means); runs_dir, and so the engine logs, stay inside `dir`. Returns the env that
 * points the gateway at it.
 */
export function writeGatewayConfig(
  dir: string,
  engine: Record<string, unknown>,
  name = 'config.yaml',
  services: Record<string, unknown> = {},
): Record<string, string> {
  const file = path.join(dir, name);
  writeFileSync(file, stringify({ runs_dir: 'runs', services: { metrics_port: 0, ...services }, engine: { probe_interval_s: 1, stop_grace_s: 5, ...engine } }));
  return { AERO_CONFIG: file };
}
