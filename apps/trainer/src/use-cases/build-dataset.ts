import { BuildDatasetResponse, type KtoExample } from '@aero/contracts';
import type { RunStore } from '../adapters/run-store';
import { assembleDataset } from '../domain/assemble-dataset';
import type { DatasetOptions } from '../domain/dataset-options';
import { datasetName } from '../domain/dataset-name';
import { TrainerError } from '../domain/trainer-error';

/**
 * BuildDataset: reads the run's recorded rounds, assembles the round's staggered KTO set and writes
 * it with its dataset_info.json entry into the run folder.
 */
export function buildDataset(store: RunStore, runId: string, options: DatasetOptions): BuildDatasetResponse {
  const rounds = new Map<number, KtoExample[]>();
  const examplesOf = (round: number) => {
    let examples = rounds.get(round);
    if (!examples) rounds.set(round, (examples = store.roundExamples(runId, round)));
    return examples;
  };
  store.runDir(runId);
  const assembled = assembleDataset(examplesOf, options);
  if (assembled.records.length === 0) {
    throw new TrainerError(
      'failed_precondition',
      `round ${options.round} of run ${runId} gives an empty dataset (fresh ${assembled.fresh}, replayed ${assembled.replayed}, ` +
        `weights ${JSON.stringify(options.weights)})`,
    );
  }
  const name = datasetName(options.round);
  const written = store.writeDataset(runId, name, assembled.records);
  return BuildDatasetResponse.fromPartial({
    dataset: name,
    dataset_dir: written.datasetDir,
    dataset_path: written.datasetPath,
    counts: assembled.counts,
    total: assembled.records.length,
    fresh: assembled.fresh,
    replayed: assembled.replayed,
    warnings: assembled.warnings,
  });
}
