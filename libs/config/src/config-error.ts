import type { z } from 'zod';

/** A config that cannot be used; the message names every offending key. */
export class ConfigError extends Error {
  constructor(
    message: string,
    /** Offending keys, dotted ("aero.rounds"). */
    readonly keys: string[],
  ) {
    super(message);
    this.name = 'ConfigError';
  }

  /**
   * `origins` maps overridden dotted keys to where their value came from ("environment variable
   * AERO__AERO__ROUNDS"); a key under one of them is named with that origin instead of `source`.
   */
  static fromZod(error: z.ZodError, source: string, origins: ReadonlyMap<string, string> = new Map()): ConfigError {
    const keys: string[] = [];
    let fromSource = false;
    const named = (key: string): string => {
      const origin = originOf(key, origins);
      if (origin === undefined) fromSource = true;
      return origin === undefined ? `"${key}"` : `"${key}" (from ${origin})`;
    };
    const lines = error.issues.map((issue) => {
      const at = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys') {
        const unknown = issue.keys.map((k) => (at ? `${at}.${k}` : k));
        keys.push(...unknown);
        return unknown.map((k) => `unknown key ${named(k)}`).join('; ');
      }
      keys.push(at);
      return `key ${named(at)}: ${issue.message}`;
    });
    return new ConfigError(`invalid config${fromSource ? ` (${source})` : ''}: ${lines.join('; ')}`, keys);
  }
}

/** The origin of the override that set `key` or a section above it, the most specific one first. */
function originOf(key: string, origins: ReadonlyMap<string, string>): string | undefined {
  for (let at = key; at !== ''; at = at.includes('.') ? at.slice(0, at.lastIndexOf('.')) : '') {
    const origin = origins.get(at);
    if (origin !== undefined) return origin;
  }
  return undefined;
}
