/**
 * `--name value` / `--name=value` / bare `--flag` options after positional arguments. Every option
 * must be declared: an unknown one is an error naming it, never silently ignored.
 */
export interface ParsedArgs {
  positional: string[];
  options: Map<string, string>;
}

export function parseArgs(argv: readonly string[], valued: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    if (flags.includes(name)) {
      options.set(name, eq >= 0 ? a.slice(eq + 1) : 'true');
    } else if (valued.includes(name)) {
      const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new Error(`option --${name} needs a value`);
      options.set(name, value);
    } else {
      throw new Error(`unknown option --${name}`);
    }
  }
  return { positional, options };
}

export function intOption(args: ParsedArgs, name: string, fallback: number): number {
  const raw = args.options.get(name);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v)) throw new Error(`option --${name} must be an integer, got ${JSON.stringify(raw)}`);
  return v;
}

export function numberOption(args: ParsedArgs, name: string, fallback: number): number {
  const raw = args.options.get(name);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v)) throw new Error(`option --${name} must be a number, got ${JSON.stringify(raw)}`);
  return v;
}
