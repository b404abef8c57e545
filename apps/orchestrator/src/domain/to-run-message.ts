import { Run } from '@aero/contracts';
import { initialModel } from './initial-model';
import type { RunView } from './run-view';
import { summarizeRound } from './summarize-round';

/** The Run message of a view: finished rounds with their recorded summaries, the current one live. */
export function toRunMessage(view: RunView): Run {
  const { meta } = view;
  const benchmarks = meta.config.evaluation.benchmarks.map((b) => b.name);
  const rounds = [...view.rounds.values()].filter((p) => p.round >= 1).sort((a, b) => a.round - b.round);
  const trained = rounds.filter((p) => p.model).at(-1)?.model?.model_path;
  const baseline = view.rounds.get(0)?.evaluations;
  return Run.fromPartial({
    id: meta.id,
    name: meta.name,
    state: view.state,
    current_round: view.currentRound,
    phase: view.phase,
    rounds: meta.config.aero.rounds,
    round_summaries: rounds.map((p) => p.summary ?? summarizeRound(p, benchmarks)),
    baseline: benchmarks.flatMap((name) => baseline?.get(name) ?? []),
    current_model: trained ?? initialModel(meta),
    created_at: meta.created_at,
    updated_at: view.updatedAt,
    error: view.error,
    run_dir: meta.run_dir,
    origin: meta.origin && { run_id: meta.origin.run_id, round: meta.origin.round },
  });
}
