import { flattenSettings } from './flatten-settings';

/** One setting and its value in each run, in the runs' order; "–" where a run lacks the key. */
export interface SettingRow {
  key: string;
  values: string[];
}

/** Seeds are what a sweep varies along with its override sets; shown even where the runs share it. */
const ALWAYS = ['aero.seed'];

/**
 * The settings whose values differ between the runs' resolved configs, plus the seed, in config
 * order: what a reader must know to tell the runs apart, without the hundred keys they share.
 */
export function differingSettings(configs: readonly unknown[]): SettingRow[] {
  const flat = configs.map((c) => flattenSettings(c));
  const keys = [...new Set(flat.flatMap((f) => [...f.keys()]))];
  return keys
    .map((key) => ({ key, values: flat.map((f) => f.get(key) ?? '–') }))
    .filter((row) => ALWAYS.includes(row.key) || new Set(row.values).size > 1);
}
