import type { AeroConfig } from '@aero/config';

/** What a run is, fixed at its creation (run.json): its identity and the config it runs under. */
export interface RunMeta {
  id: string;
  name: string;
  /** RFC 3339. */
  created_at: string;
  /** Absolute path of the run folder. */
  run_dir: string;
  /** The validated config, overrides applied: a resumed run runs under exactly this. */
  config: AeroConfig;
  /** The overrides the run was started with, by dotted key (kept for the record). */
  overrides: Record<string, string>;
}
