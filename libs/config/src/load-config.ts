import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from './config-error';
import { configSchema, type AeroConfig } from './config-schema';
import { isHubModelId } from './is-hub-model-id';
import { setDotted } from './set-dotted';

export interface LoadConfigOptions {
  /** YAML file; default $AERO_CONFIG, else ./config.yaml. A missing default file means all defaults. */
  file?: string;
  /** Environment to read AERO__SECTION__KEY overrides from; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Overrides by dotted key with YAML values, applied last (e.g. a run's config_overrides). */
  overrides?: Record<string, string>;
}

const ENV_PREFIX = 'AERO__';

/**
 * Loads, overrides and validates the configuration once, failing fast with every offending key named.
 * Relative paths in the result are resolved against the config file's folder, so a config means the
 * same thing from any working directory.
 */
export function loadConfig(options: LoadConfigOptions = {}): AeroConfig {
  const env = options.env ?? process.env;
  const explicit = options.file ?? env.AERO_CONFIG;
  const file = path.resolve(explicit ?? 'config.yaml');
  const raw = readYaml(file, explicit !== undefined);

  // Where each overridden key came from, so an invalid value names the variable that set it, not the file.
  const origins = new Map<string, string>();
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || value === undefined) continue;
    const dotted = name.slice(ENV_PREFIX.length).toLowerCase().split('__').join('.');
    applyOverride(raw, dotted, value, `environment variable ${name}`);
    origins.set(dotted, `environment variable ${name}`);
  }
  for (const [dotted, value] of Object.entries(options.overrides ?? {})) {
    applyOverride(raw, dotted, value, `override ${dotted}`);
    origins.set(dotted, `override ${dotted}`);
  }

  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw ConfigError.fromZod(parsed.error, file, origins);
  return resolvePaths(parsed.data, path.dirname(file));
}

function readYaml(file: string, mustExist: boolean): Record<string, unknown> {
  if (!fs.existsSync(file)) {
    if (mustExist) throw new ConfigError(`config file not found: ${file}`, []);
    return {};
  }
  let doc: unknown;
  try {
    doc = parseYaml(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`config file ${file} is not valid YAML: ${(error as Error).message}`, []);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ConfigError(`config file ${file} must hold a mapping at the top`, []);
  }
  return doc as Record<string, unknown>;
}

function applyOverride(raw: Record<string, unknown>, dotted: string, value: string, source: string): void {
  let parsed: unknown;
  try {
    parsed = parseYaml(value);
  } catch {
    throw new ConfigError(`${source}: value of "${dotted}" is not valid YAML`, [dotted]);
  }
  try {
    setDotted(raw, dotted, parsed);
  } catch (error) {
    throw new ConfigError(`${source}: ${(error as Error).message}`, [dotted]);
  }
}

function resolvePaths(config: AeroConfig, base: string): AeroConfig {
  const abs = (p: string) => (p === '' || path.isAbsolute(p) ? p : path.resolve(base, p));
  return {
    ...config,
    runs_dir: abs(config.runs_dir),
    prompts: { ...config.prompts, dir: abs(config.prompts.dir) },
    engine: { ...config.engine, model: modelReference(config.engine.model, base) },
    evaluation: {
      ...config.evaluation,
      benchmarks: config.evaluation.benchmarks.map((b) => ({ ...b, path: abs(b.path) })),
    },
    training: {
      ...config.training,
      llamafactory: { ...config.training.llamafactory, deepspeed: abs(config.training.llamafactory.deepspeed) },
    },
    services: {
      ...config.services,
      tls: {
        ...config.services.tls,
        cert: abs(config.services.tls.cert),
        key: abs(config.services.tls.key),
        ca: abs(config.services.tls.ca),
      },
    },
  };
}

/** A model folder, resolved like every path; or a Hub id ("Qwen/Qwen3-8B-Base") when no such folder exists. */
function modelReference(model: string, base: string): string {
  const local = path.resolve(base, model);
  return isHubModelId(model) && !fs.existsSync(local) ? model : local;
}
