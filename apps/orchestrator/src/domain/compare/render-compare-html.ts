import { seriesStyle } from '../report/series-style';
import { escapeHtml } from '../report/escape-html';
import { lineChart } from '../report/line-chart';
import type { CompareModel, ComparedRun } from './compare-model';

// Two charts a row on a laptop screen: the report's 640-pixel charts scale down to half the page.
const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1340px;padding:0 24px;color:#1d2330;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d9dee7;padding-bottom:4px}
.muted{color:#5d6878}.swatch{display:inline-block;width:10px;height:10px;margin-right:6px;border-radius:2px}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:16px}
.chart{width:100%;height:auto;border:1px solid #e3e7ee;border-radius:6px;background:#fcfdff}
.chart .grid{stroke:#e6e9ef}.chart .axis{stroke:#9aa3b2}.chart .tick{font-size:11px;fill:#5d6878}
.chart .legend{font-size:11px;fill:#2a3140}.chart .title{font-size:13px;font-weight:600;fill:#1d2330}
table{border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums}.scroll{overflow-x:auto}
th,td{padding:4px 10px;border-bottom:1px solid #e6e9ef;text-align:left;white-space:nowrap}th{background:#f3f5f9;font-weight:600}
`;

const pct = (v: number | undefined) => (v === undefined ? '–' : `${(v * 100).toFixed(1)}%`);

/**
 * Runs side by side as one self-contained HTML page, like the run report (inline CSS and SVG, no
 * script, nothing fetched): who they are, the settings that set them apart, their curves overlaid.
 */
export function renderCompareHtml(model: CompareModel, generatedAt: string): string {
  const ids = model.runs.map((r) => r.id).join(', ');
  const body = [
    `<h1>AERO: ${model.runs.length} runs compared</h1>`,
    `<div class="muted">written ${escapeHtml(generatedAt)} from the runs' journals</div>`,
    runsTable(model.runs),
    `<h2>Settings that differ</h2>`,
    model.settings.some((s) => new Set(s.values).size > 1 && s.key !== 'aero.seed') ? '' : `<p class="muted">Apart from the seed, the runs' resolved configs are the same.</p>`,
    table(['setting', ...model.runs.map(runName)], model.settings.map((s) => [escapeHtml(s.key), ...s.values.map(escapeHtml)])),
    ...model.sections.map((s) => `<h2>${escapeHtml(s.heading)}</h2><div class="charts">${s.charts.map(lineChart).join('')}</div>`),
  ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>AERO: ${escapeHtml(ids)}</title><style>${STYLE}</style></head><body>${body.join('\n')}</body></html>\n`;
}

function runsTable(runs: readonly ComparedRun[]): string {
  const benchmarks = runs[0]?.accuracy.map((a) => a.benchmark) ?? [];
  return table(
    ['', 'run', 'state', 'rounds done', 'created (UTC)', ...benchmarks.flatMap((b) => [`${b}: initial`, 'last', 'change'])].map(escapeHtml),
    runs.map((run, i) => [
      runName(run, i),
      escapeHtml(run.id),
      escapeHtml(run.state),
      `${run.roundsFinished} of ${run.rounds}`,
      escapeHtml(run.createdAt.replace('T', ' ').slice(0, 16)),
      ...run.accuracy.flatMap((a) => [
        pct(a.initial),
        a.last ? `${pct(a.last.passAt1)} (round ${a.last.round})` : '–',
        a.last && a.initial !== undefined ? `${a.last.passAt1 >= a.initial ? '+' : ''}${((a.last.passAt1 - a.initial) * 100).toFixed(1)} points` : '–',
      ]),
    ]),
  );
}

/** The run's colour and its label, as the chart legends show them (the charts style runs by position). */
function runName(run: ComparedRun, index: number): string {
  const { colour, dash } = seriesStyle(index);
  // A dashed run's swatch is striped, as its dashed lines are.
  const fill = dash ? `repeating-linear-gradient(90deg,${colour} 0 3px,transparent 3px 5px)` : colour;
  return `<span class="swatch" style="background:${fill}"></span>${escapeHtml(run.label)}`;
}

/** Cells are HTML, escaped by the caller (the run names carry their colour swatch); many runs scroll sideways. */
function table(headers: readonly string[], rows: readonly string[][]): string {
  const row = (cells: readonly string[], tag: string) => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;
  return `<div class="scroll"><table><thead>${row(headers, 'th')}</thead><tbody>${rows.map((r) => row(r, 'td')).join('')}</tbody></table></div>`;
}
