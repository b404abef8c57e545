import { Phase } from '@aero/contracts';
import { barChart } from './bar-chart';
import { htmlTable } from './html-table';
import { PHASE_ORDER, type RoundTimings } from './phase-timings';

const PHASE_NAMES = new Map([
  [Phase.PHASE_UNSPECIFIED, 'starting'],
  [Phase.PHASE_GENERATING, 'generating'],
  [Phase.PHASE_SYNTHESIZING, 'solving, analysing, ICC'],
  [Phase.PHASE_BUILDING_DATASET, 'building the dataset'],
  [Phase.PHASE_TRAINING, 'training'],
  [Phase.PHASE_SERVING, 'serving'],
  [Phase.PHASE_EVALUATING, 'evaluating'],
]);

const seconds = (s: number) => (s >= 100 ? `${Math.round(s)} s` : `${s.toFixed(1)} s`);

/** Wall time per phase and round, stacked, and a table with each phase's time and throughput. */
export function renderTimings(timings: readonly RoundTimings[]): string {
  if (timings.length === 0) return '';
  const phases = PHASE_ORDER.filter((phase) => timings.some((t) => t.phases.some((p) => p.phase === phase)));
  const rounds = timings.map((t) => (t.round === 0 ? 'initial' : `round ${t.round}`));
  const at = (t: RoundTimings, phase: Phase) => t.phases.find((p) => p.phase === phase);
  const chart = barChart({
    title: 'Wall time per phase (seconds)',
    categories: rounds,
    stacked: true,
    series: phases.map((phase) => ({ name: PHASE_NAMES.get(phase) ?? '', values: timings.map((t) => at(t, phase)?.seconds) })),
  });
  const total = timings.reduce((sum, t) => sum + t.seconds, 0);
  const byPhase = htmlTable({
    headers: ['phase, all rounds', 'time', 'share', 'throughput'],
    rows: phases.map((phase) => {
      const all = timings.flatMap((t) => at(t, phase) ?? []);
      const time = all.reduce((sum, p) => sum + p.seconds, 0);
      const items = all.reduce((sum, p) => sum + (p.items?.count ?? 0), 0);
      const unit = all.find((p) => p.items)?.items?.unit;
      return [PHASE_NAMES.get(phase) ?? '', seconds(time), `${((100 * time) / Math.max(total, 1e-9)).toFixed(1)}%`, unit ? rate(items, time, unit) : '–'];
    }),
  });
  const byRound = htmlTable({
    headers: ['round', ...phases.map((phase) => PHASE_NAMES.get(phase) ?? ''), 'total'],
    rows: timings.map((t, i) => [
      rounds[i],
      ...phases.map((phase) => {
        const p = at(t, phase);
        if (!p) return '–';
        return p.items ? `${seconds(p.seconds)} · ${rate(p.items.count, p.seconds, p.items.unit)}` : seconds(p.seconds);
      }),
      seconds(t.seconds),
    ]),
  });
  return [
    `<h2 id="timings">Wall time and throughput</h2><div class="charts">${chart}<div>${byPhase}`,
    `<p class="muted">From the journal's event times: ${seconds(total)} in all. Time a stopped run waited for its resume counts nowhere.</p></div></div>`,
    byRound,
  ].join('');
}

function rate(count: number, time: number, unit: string): string {
  return time > 0 ? `${Number((count / time).toPrecision(3))} ${unit}/s` : '–';
}
