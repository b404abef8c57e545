import { runStateToJSON } from '@aero/contracts';
import type { RunView } from '../run-view';
import { toRunMessage } from '../to-run-message';
import { compareCharts } from './compare-charts';
import type { CompareModel } from './compare-model';
import { differingSettings } from './differing-settings';
import { evaluationsByRound } from './evaluations-by-round';
import { runLabels } from './run-labels';

/** The comparison of runs from their journals, in the order given. */
export function buildCompareModel(views: readonly RunView[]): CompareModel {
  const labels = runLabels(views.map((v) => v.meta.id));
  const runs = views.map((view, r) => ({ label: labels[r], view, run: toRunMessage(view), evaluations: evaluationsByRound(view) }));
  const benchmarks = [...new Set(runs.flatMap((r) => r.evaluations.flat()).map((e) => e.benchmark))];
  return {
    runs: runs.map(({ label, view, run, evaluations }) => ({
      id: run.id,
      label,
      state: runStateToJSON(run.state).replace('RUN_STATE_', '').toLowerCase(),
      roundsFinished: [...view.rounds.values()].filter((p) => p.round > 0 && p.summary).length,
      rounds: run.rounds,
      createdAt: run.created_at,
      accuracy: benchmarks.map((benchmark) => {
        const of = evaluations.map((es) => es.find((e) => e.benchmark === benchmark));
        const lastRound = of.findLastIndex((e, i) => i > 0 && e !== undefined);
        const last = of[lastRound];
        return { benchmark, initial: of[0]?.pass_at_1, last: last && lastRound > 0 ? { round: lastRound, passAt1: last.pass_at_1 } : undefined };
      }),
    })),
    settings: differingSettings(views.map((v) => v.meta.config)),
    sections: compareCharts(runs),
  };
}
