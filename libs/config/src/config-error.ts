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

  static fromZod(error: z.ZodError, source: string): ConfigError {
    const keys: string[] = [];
    const lines = error.issues.map((issue) => {
      const at = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys') {
        const unknown = issue.keys.map((k) => (at ? `${at}.${k}` : k));
        keys.push(...unknown);
        return unknown.map((k) => `unknown key "${k}"`).join('; ');
      }
      keys.push(at);
      return `key "${at}": ${issue.message}`;
    });
    return new ConfigError(`invalid config (${source}): ${lines.join('; ')}`, keys);
  }
}
