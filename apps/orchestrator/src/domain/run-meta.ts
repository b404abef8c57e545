import type { AeroConfig } from '@aero/config';

/** What a run is, fixed at its creation (run.json): its identity and the config it runs under. */
export interface RunMeta {
  id: string;
  name: string;
  /** RFC 3339. */
  created_at: string;
  /**
   * Absolute path of the run folder where it is now. run.json records "." (runs created before
   * recorded the absolute path, which still locates their journal's absolute paths: see RunPaths).
   */
  run_dir: string;
  /** The validated config, overrides applied: a resumed run runs under exactly this. */
  config: AeroConfig;
  /** The overrides the run was started with, by dotted key (kept for the record). */
  overrides: Record<string, string>;
  /** Set when the run started from another run's checkpoint instead of the config's model. */
  origin?: OriginCheckpoint;
  /** Absent in runs created before versions were recorded. */
  versions?: RunVersions;
}

/** What the run ran: the orchestrator's code and the base checkpoint, as found at the run's creation. */
export interface RunVersions {
  /** HEAD of the git checkout the orchestrator runs from; absent outside a checkout. */
  git_commit?: string;
  /** Whether that checkout had uncommitted changes to tracked files. */
  git_dirty?: boolean;
  /** sha256 of the base checkpoint's weights, as the checkpoint's manifest.json quotes it; absent without one. */
  base_weights_sha256?: string;
  /** How the base checkpoint was made, as its config.json records it ("provenance"); absent without one. */
  base_provenance?: Record<string, unknown>;
}

/** The checkpoint a run started from: what round `round` of run `run_id` left, 0 = its initial model. */
export interface OriginCheckpoint {
  run_id: string;
  round: number;
  /** That checkpoint (absolute; a model id for an initial model from a hub). */
  model: string;
}
