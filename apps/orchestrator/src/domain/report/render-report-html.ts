import { Role, runStateToJSON } from '@aero/contracts';
import { exampleKey } from '../example-key';
import { roundTable, type Table } from '../round-table';
import { barChart } from './bar-chart';
import { escapeHtml } from './escape-html';
import { lineChart } from './line-chart';
import type { ReportModel } from './report-model';

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1340px;color:#1d2330;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d9dee7;padding-bottom:4px}
.muted{color:#5d6878}.badge{display:inline-block;padding:1px 8px;border-radius:9px;background:#e8edf5;font-size:12px;margin-left:8px}
.error{background:#fdecec;color:#8a1c1c;padding:8px 12px;border-radius:6px}
.headline{font-size:16px;margin:12px 0}.headline b{font-size:20px}
.charts{display:flex;flex-wrap:wrap;gap:16px}.chart{border:1px solid #e3e7ee;border-radius:6px;background:#fcfdff}
.chart .grid{stroke:#e6e9ef}.chart .axis{stroke:#9aa3b2}.chart .tick{font-size:11px;fill:#5d6878}
.chart .legend{font-size:11px;fill:#2a3140}.chart .title{font-size:13px;font-weight:600;fill:#1d2330}
table{border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums}th,td{padding:4px 10px;border-bottom:1px solid #e6e9ef;text-align:right}
th{background:#f3f5f9;font-weight:600}td:first-child,th:first-child{text-align:left}
`;

const ROLES = [Role.ROLE_GENERATOR, Role.ROLE_SOLVER, Role.ROLE_REFINER];
const pct = (v: number | undefined) => (v === undefined ? '–' : `${(v * 100).toFixed(1)}%`);

/**
 * The run report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched, so
 * it opens anywhere, offline, and can be mailed as one file.
 */
export function renderReportHtml(model: ReportModel, generatedAt: string): string {
  const { run } = model;
  const roundLabels = model.rounds.map((r) => `round ${r}`);
  const sections = [
    header(model, generatedAt),
    `<h2>Accuracy per round</h2><div class="charts">${model.accuracy
      .map((a) => lineChart({ title: `${a.benchmark}: greedy pass@1`, categories: ['initial', ...roundLabels], percent: true, series: [{ name: 'all problems', values: a.byRound }, ...a.groups.map((g) => ({ name: g.group, values: g.byRound }))] }))
      .join('')}</div>`,
    `<h2>Inner loop</h2><div class="charts">${[
      barChart({ title: 'Question status per round', categories: roundLabels, percent: true, stacked: true, series: [
        { name: 'mastery', values: model.statusShares.map((s) => s.mastery) },
        { name: 'zpd', values: model.statusShares.map((s) => s.zpd) },
        { name: 'chaos', values: model.statusShares.map((s) => s.chaos) },
      ] }),
      barChart({ title: 'Normalised entropy of questions (those with an answer)', xLabel: 'H̄ bin', percent: true, categories: binLabels(model.entropyHistogram[0]?.length ?? 10),
        series: model.entropyHistogram.map((bins, i) => ({ name: roundLabels[i], values: bins })) }),
      lineChart({ title: 'Generator and ZPD per round', categories: roundLabels, percent: true, series: [
        { name: 'well-formed questions', values: model.loop.map((l) => l.wellFormed) },
        { name: 'questions in the ZPD', values: model.loop.map((l) => l.zpdShare) },
      ] }),
      ...(model.zpdSizes.sizes.length
        ? [barChart({ title: 'Size of the ZPD questions (operations)', xLabel: 'operations', percent: true, categories: model.zpdSizes.sizes.map(String),
            series: model.zpdSizes.byRound.map((shares, i) => ({ name: roundLabels[i], values: shares })) })]
        : []),
      lineChart({ title: 'ICC per round', categories: roundLabels, percent: true, series: [
        { name: 'convergence rate', values: model.icc.map((i) => i.convergence) },
        { name: 'ICC consensus correct', values: model.icc.map((i) => i.iccAccuracy) },
        { name: 'majority vote correct', values: model.icc.map((i) => i.majorityAccuracy) },
      ] }),
    ].join('')}</div>`,
    `<h2>Inner loop per round</h2>${htmlTable(loopTable(model))}`,
    `<h2>Training data and training</h2><div class="charts">${[
      barChart({ title: 'Examples emitted per role and label', categories: roundLabels, stacked: true,
        series: ROLES.flatMap((role) => [true, false].map((label) => ({ name: exampleKey(role, label), values: model.examples.map((counts) => counts.find((c) => c.role === role && c.label === label)?.count) }))) }),
      barChart({ title: 'Dataset records per role and label (after replay and weights)', categories: roundLabels, stacked: true,
        series: ROLES.flatMap((role) => [true, false].map((label) => ({ name: exampleKey(role, label), values: model.datasets.map((d) => {
          const c = d?.counts.find((x) => x.role === role);
          return c === undefined ? undefined : label ? c.desirable : c.undesirable;
        }) }))) }),
      lineChart({ title: 'KTO training loss', xLabel: 'logging step', categories: steps(model.losses),
        series: model.losses.map((losses, i) => ({ name: roundLabels[i], values: losses })) }),
    ].join('')}</div>`,
    `<h2>Per-round summary</h2>${htmlTable(roundTable(run))}`,
    levelTables(model),
    `<p class="muted">Run folder: ${escapeHtml(run.run_dir)}. Report written ${escapeHtml(generatedAt)} from the run's journal.</p>`,
  ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>AERO run ${escapeHtml(run.id)}</title><style>${STYLE}</style></head><body>${sections.join('\n')}</body></html>\n`;
}

function header(model: ReportModel, generatedAt: string): string {
  const { run } = model;
  const headline = model.accuracy
    .map((a) => {
      const first = a.byRound[0];
      const lastIndex = a.byRound.findLastIndex((v) => v !== undefined);
      const last = a.byRound[lastIndex];
      if (first === undefined || lastIndex <= 0 || last === undefined) return `${escapeHtml(a.benchmark)}: initial ${pct(first)}`;
      const delta = (last - first) * 100;
      return `${escapeHtml(a.benchmark)}: <b>${pct(first)} → ${pct(last)}</b> (${delta >= 0 ? '+' : ''}${delta.toFixed(1)} points after round ${lastIndex})`;
    })
    .join('<br>');
  return [
    `<h1>AERO run ${escapeHtml(run.id)}<span class="badge">${escapeHtml(runStateToJSON(run.state).replace('RUN_STATE_', '').toLowerCase())}</span></h1>`,
    `<div class="muted">created ${escapeHtml(run.created_at)} · last event ${escapeHtml(run.updated_at)} · ${run.round_summaries.length} of ${run.rounds} rounds · report ${escapeHtml(generatedAt)}</div>`,
    run.error ? `<p class="error">${escapeHtml(run.error)}</p>` : '',
    `<p class="headline">${headline}</p>`,
    htmlTable({ headers: ['setting', 'value'], rows: model.settings.map((s) => [s.label, s.value]) }),
  ].join('');
}

function loopTable(model: ReportModel): Table {
  return {
    headers: ['round', 'well-formed', 'in ZPD', 'ZPD median size', 'ICC consensus right', 'majority vote right', 'identical refinements', 'held-out questions'],
    rows: model.rounds.map((r, i) => {
      const l = model.loop[i];
      return [`round ${r}`, pct(l.wellFormed), pct(l.zpdShare), l.zpdMedianSize === undefined ? '–' : String(l.zpdMedianSize),
        pct(model.icc[i].iccAccuracy), pct(model.icc[i].majorityAccuracy), pct(l.identicalRefinements), String(l.heldOut)];
    }),
  };
}

function levelTables(model: ReportModel): string {
  return model.accuracy
    .filter((a) => a.groups.length > 0)
    .map((a) =>
      `<h2>${escapeHtml(a.benchmark)}: accuracy per level</h2>` +
      htmlTable({
        headers: ['level', 'initial', ...model.rounds.map((r) => `round ${r}`)],
        rows: [...a.groups.map((g) => [g.group, ...g.byRound.map(pct)]), ['all', ...a.byRound.map(pct)]],
      }),
    )
    .join('');
}

function htmlTable(table: Table): string {
  const row = (cells: string[], tag: string) => `<tr>${cells.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
  return `<table><thead>${row(table.headers, 'th')}</thead><tbody>${table.rows.map((r) => row(r, 'td')).join('')}</tbody></table>`;
}

function binLabels(bins: number): string[] {
  return Array.from({ length: bins }, (_, i) => (i / bins).toFixed(1));
}

function steps(losses: number[][]): string[] {
  return Array.from({ length: Math.max(0, ...losses.map((l) => l.length)) }, (_, i) => String(i + 1));
}
