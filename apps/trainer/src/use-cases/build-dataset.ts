import { BuildDatasetResponse, type KtoExample, type RoundExamples } from '@aero/contracts';
import type { RunStore } from '../adapters/run-store';
import { assembleDataset } from '../domain/assemble-dataset';
import type { DatasetOptions } from '../domain/dataset-options';
import { datasetName } from '../domain/dataset-name';
import { TrainerError } from '../domain/trainer-error';

/**
 * BuildDataset: keeps the rounds the caller sent as the trainer's copies, assembles the round's
 * staggered KTO set from the copies of every round up to it and writes it with its dataset_info.json
 * entry into the run folder. Without sent rounds (the deprecated shared folder) the copies are the
 * files the orchestrator wrote, and a missing one is its fault, not the caller's to send.
 */
export function buildDataset(store: RunStore, runId: string, sent: readonly RoundExamples[], options: DatasetOptions): BuildDatasetResponse {
  const rounds = new Map<number, KtoExample[]>();
  for (const { round, examples } of sent) {
    store.keepRoundExamples(runId, round, examples);
    rounds.set(round, examples);
  }
  if (sent.length > 0) {
    const missing = store.missingRounds(runId, options.round);
    if (missing.length > 0) {
      const which = `round${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`;
      throw new TrainerError('not_found', `the trainer holds no examples of ${which} of run ${runId}; send ${missing.length === 1 ? 'it' : 'them'} in round_examples`);
    }
  }
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
