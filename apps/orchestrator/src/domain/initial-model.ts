import type { RunMeta } from './run-meta';

/** The model a run's round 0 evaluates and its round 1 trains from: its origin checkpoint, else the config's model. */
export function initialModel(meta: RunMeta): string {
  return meta.origin?.model ?? meta.config.engine.model;
}
