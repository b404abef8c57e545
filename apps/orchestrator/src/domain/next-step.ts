import { initialModel } from './initial-model';
import type { RunStep } from './run-step';
import type { RunView } from './run-view';

/**
 * The round state machine. Everything it needs is in the journal, so after a crash the run picks up
 * at the first step whose result was not recorded: round 0 evaluates the initial model; then each
 * round generates, synthesizes (until every generated question is recorded), builds the dataset,
 * trains, evaluates the trained model and finishes.
 */
export function nextStep(view: RunView): RunStep {
  const { aero, evaluation } = view.meta.config;
  const benchmarks = evaluation.benchmarks.map((b) => b.name);
  const missing = (round: number) => {
    const done = view.rounds.get(round)?.evaluations;
    return benchmarks.filter((name) => !done?.has(name));
  };

  let model = initialModel(view.meta);
  const baseline = missing(0);
  if (baseline.length > 0) return { kind: 'evaluate', round: 0, model, benchmarks: baseline };

  for (let round = 1; round <= aero.rounds; round++) {
    const progress = view.rounds.get(round);
    if (progress?.summary) {
      model = progress.summary.model_path;
      continue;
    }
    if (!progress?.generated) return { kind: 'generate', round, model };
    if (progress.recorded.size < progress.generated.count) return { kind: 'synthesize', round, model };
    if (!progress.dataset) return { kind: 'build_dataset', round };
    if (!progress.model) return { kind: 'train', round, baseModel: model, dataset: progress.dataset.dataset };
    const pending = missing(round);
    if (pending.length > 0) return { kind: 'evaluate', round, model: progress.model.model_path, benchmarks: pending };
    return { kind: 'finish_round', round };
  }
  return { kind: 'finish_run' };
}
