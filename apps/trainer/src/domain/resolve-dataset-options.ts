import type { AeroConfig } from '@aero/config';
import type { DatasetOptions } from './dataset-options';
import type { RoleValues } from './role-values';

/** The fields of a validated BuildDataset request that shape the dataset; unset = configured. */
export interface DatasetRequest {
  round: number;
  staggered?: boolean;
  replay_pool_size?: number;
  replay_ratios?: RoleValues<number>;
  weights?: RoleValues<number>;
  seed?: number;
  generator_undesirable_cap?: number;
}

/** A BuildDataset request with every unset field taken from the configuration (AERO-SPEC 5 defaults). */
export function resolveDatasetOptions(request: DatasetRequest, aero: AeroConfig['aero']): DatasetOptions {
  return {
    round: request.round,
    staggered: request.staggered ?? aero.use_staggered_training,
    replayPoolSize: request.replay_pool_size ?? aero.replay_pool_size,
    replayRatios: request.replay_ratios ?? aero.kto_replay_ratios,
    weights: request.weights ?? aero.kto_weights,
    seed: request.seed ?? aero.seed,
    generatorUndesirableCap: request.generator_undesirable_cap ?? aero.generator_undesirable_cap,
  };
}
