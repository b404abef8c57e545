import type { RoleValues } from './role-values';

/** Everything that decides a round's dataset besides the recorded examples. */
export interface DatasetOptions {
  round: number;
  staggered: boolean;
  replayPoolSize: number;
  replayRatios: RoleValues<number>;
  weights: RoleValues<number>;
  seed: number;
  /** Most undesirable generator examples per desirable one in the fresh data; 0 = no cap. */
  generatorUndesirableCap: number;
}
