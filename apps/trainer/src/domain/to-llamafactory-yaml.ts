import type { FlatConfig } from './train-config';

/** Keys LLaMA-Factory declares as float: their values must read back as Python floats. */
const FLOAT_KEYS = new Set(['pref_beta', 'pref_ftx', 'learning_rate', 'num_train_epochs', 'kto_chosen_weight', 'kto_rejected_weight', 'warmup_ratio']);

/**
 * Writes a flat config as YAML that PyYAML (YAML 1.1, which LLaMA-Factory reads with) types the same
 * way: PyYAML reads `5e-06` as a *string* (its floats need a dot and a signed exponent), so floats are
 * written as `5.0e-06`; strings are double-quoted JSON strings, which YAML reads verbatim.
 */
export function toLlamafactoryYaml(config: FlatConfig, header: string): string {
  const lines = [`# ${header}`];
  for (const [key, value] of Object.entries(config)) lines.push(`${key}: ${scalar(key, value)}`);
  return lines.join('\n') + '\n';
}

function scalar(key: string, value: string | number | boolean): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (!Number.isFinite(value)) throw new Error(`${key}: ${value} is not a finite number`);
  if (FLOAT_KEYS.has(key)) return pythonFloat(value);
  if (!Number.isSafeInteger(value)) throw new Error(`${key}: ${value} is not an integer`);
  return String(value);
}

function pythonFloat(x: number): string {
  // Learning rates read best as 5.0e-06; the shortest round-trip digits are kept either way.
  const text = x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e16) ? x.toExponential() : String(x);
  const [mantissa, exponent] = text.split('e');
  const withDot = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  if (exponent === undefined) return withDot;
  const sign = exponent.startsWith('-') ? '-' : '+';
  return `${withDot}e${sign}${exponent.replace(/^[-+]/, '').padStart(2, '0')}`;
}
