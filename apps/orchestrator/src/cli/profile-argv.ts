import * as path from 'node:path';

/**
 * `--profile NAME` is short for `--config config.NAME.yaml` (in the current folder, the repository
 * root under `npm run aero`): `--profile production` runs config.production.yaml. Every command
 * takes it; it cannot be combined with --config.
 */
export function profileArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  let profile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--profile' || arg.startsWith('--profile=')) {
      profile = arg === '--profile' ? argv[++i] : arg.slice('--profile='.length);
      if (!profile || !/^[A-Za-z0-9_-]+$/.test(profile)) throw new Error(`--profile expects a name like "production", got ${JSON.stringify(profile ?? '')}`);
    } else {
      out.push(arg);
    }
  }
  if (profile === undefined) return out;
  if (out.some((a) => a === '--config' || a.startsWith('--config='))) throw new Error('use either --profile or --config, not both');
  return [...out, '--config', path.resolve(`config.${profile}.yaml`)];
}
