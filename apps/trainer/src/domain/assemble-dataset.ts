import { Role, type KtoExample, type RoleCount } from '@aero/contracts';
import { applyRoleWeights } from './apply-role-weights';
import { capUndesirable } from './cap-undesirable';
import { checkDatasetSize } from './check-dataset-size';
import type { DatasetOptions } from './dataset-options';
import { drawReplayPool } from './draw-replay-pool';
import { TRAINABLE_ROLES } from './role-values';
import { SeededRandom } from './seeded-random';
import { selectRoundData } from './select-round-data';
import { sharegptRecord, type SharegptKtoRecord } from './sharegpt-record';

export interface AssembledDataset {
  records: SharegptKtoRecord[];
  /** Records per role after weighting, generator, solver, refiner order. */
  counts: RoleCount[];
  /** Fresh and replayed examples before weighting. */
  fresh: number;
  replayed: number;
  warnings: string[];
}

/**
 * A round's KTO training set (AERO-SPEC 3): fresh data plus a replay pool from the history, each
 * example repeated by its role's weight. Fresh examples come first, then the pool; trainers shuffle.
 * A dataset larger than the trainer builds is refused before the weights repeat anything.
 * The random draws are keyed by seed and round, so every round of a run draws differently and a
 * rebuild with the same seed is identical.
 */
export function assembleDataset(examplesOf: (round: number) => KtoExample[], options: DatasetOptions): AssembledDataset {
  const random = new SeededRandom(`aero-dataset/${options.seed}/${options.round}`);
  const selected = selectRoundData(examplesOf, options.round, options.staggered);
  const fresh = capUndesirable(selected.fresh, Role.ROLE_GENERATOR, options.generatorUndesirableCap, random);
  const { history } = selected;
  const replay = drawReplayPool(history, options.replayPoolSize, options.replayRatios, random);
  const unweighted = [...fresh, ...replay];
  checkDatasetSize(unweighted, options.weights, replay.length);
  const weighted = applyRoleWeights(unweighted, options.weights, random);
  const counts = TRAINABLE_ROLES.map(({ role }) => {
    const ofRole = weighted.filter((e) => e.role === role);
    const desirable = ofRole.filter((e) => e.label).length;
    return { role, desirable, undesirable: ofRole.length - desirable };
  });
  return {
    records: weighted.map(sharegptRecord),
    counts,
    fresh: fresh.length,
    replayed: replay.length,
    warnings: warningsFor(weighted, fresh.length),
  };
}

function warningsFor(records: readonly KtoExample[], fresh: number): string[] {
  const warnings: string[] = [];
  if (fresh === 0) warnings.push('no fresh examples: the dataset holds replayed examples only');
  const desirable = records.filter((e) => e.label).length;
  if (records.length > 0 && (desirable === 0 || desirable === records.length)) {
    const label = desirable === 0 ? 'undesirable' : 'desirable';
    warnings.push(`every record is ${label}: KTO needs both desirable and undesirable examples`);
  }
  return warnings;
}
