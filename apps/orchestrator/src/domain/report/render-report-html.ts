import { Role, runStateToJSON } from '@aero/contracts';
import { exampleKey } from '../example-key';
import { roundTable, type Table } from '../round-table';
import { barChart } from './bar-chart';
import { escapeHtml } from './escape-html';
import { htmlTable } from './html-table';
import { lineChart } from './line-chart';
import { renderKto } from './render-kto';
import { renderQuestions } from './render-questions';
import { renderTimings } from './render-timings';
import { renderVersions } from './render-versions';
import type { ReportModel } from './report-model';

const STYLE = `
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1248px;padding:0 16px;color:#1d2330;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d9dee7;padding-bottom:4px}h3{font-size:14px;margin:8px 0 4px}
.muted{color:#5d6878}.badge{display:inline-block;padding:1px 8px;border-radius:9px;background:#e8edf5;font-size:12px;margin-left:8px}
.error{background:#fdecec;color:#8a1c1c;padding:8px 12px;border-radius:6px}
.headline{font-size:16px;margin:12px 0}.headline b{font-size:20px}.verdict{font-size:15px;background:#f3f7fd;border-left:4px solid #2f6fb5;padding:8px 12px;margin:8px 0 12px}
.charts,.cols{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:16px;align-items:start}
.chart{display:block;width:100%;height:auto;border:1px solid #e3e7ee;border-radius:6px;background:#fcfdff}
.chart .grid{stroke:#e6e9ef}.chart .axis{stroke:#9aa3b2}.chart .tick{font-size:11px;fill:#5d6878}
.chart .legend{font-size:11px;fill:#2a3140}.chart .title{font-size:13px;font-weight:600;fill:#1d2330}
.scroll{max-width:100%;overflow-x:auto}.cols table,.charts table{width:100%}
table{border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums}th,td{padding:4px 10px;border-bottom:1px solid #e6e9ef;text-align:right}
th{background:#f3f5f9;font-weight:600}td:first-child,th:first-child{text-align:left}
table.versions th,table.versions td{text-align:left;vertical-align:top}table.versions{width:100%;table-layout:fixed}table.versions th{width:170px}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;overflow-wrap:anywhere}
pre.json{font:12px/1.35 ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f8fb;border:1px solid #e3e7ee;border-radius:6px;padding:8px 10px;margin:0;max-height:240px;overflow:auto;white-space:pre-wrap;overflow-wrap:anywhere}
pre.config{max-height:720px}
.filters{display:flex;gap:16px;margin:8px 0}.filters select{font:inherit;padding:2px 4px}
details.round-questions{margin:6px 0;border:1px solid #e3e7ee;border-radius:6px;padding:4px 10px}details.round-questions summary{cursor:pointer;font-weight:600;padding:4px 0}
table.questions{width:100%;table-layout:fixed;font-size:12.5px}table.questions th,table.questions td{text-align:left;vertical-align:top;padding:5px 6px;overflow-wrap:anywhere}
code.question{font-size:12.5px}
.chip{display:inline-block;margin:1px 2px 1px 0;padding:0 5px;border:1px solid #dfe3ea;border-left:4px solid #c3c9d3;border-radius:4px;background:#f6f8fb;font:12px ui-monospace,SFMono-Regular,Menlo,monospace;white-space:nowrap}
.chip.good{background:#e3f4e6}.chip.bad{background:#fbe6e6}.chip.label{border-left-width:1px;font-family:inherit}.good{color:#1f7a32}.bad{color:#a52a2a}
`;

const ROLES = [Role.ROLE_GENERATOR, Role.ROLE_SOLVER, Role.ROLE_REFINER];
const pct = (v: number | undefined) => (v === undefined ? '–' : `${(v * 100).toFixed(1)}%`);

/**
 * The run report as one self-contained HTML page: inline CSS, SVG and one small inline script (the
 * question filter), nothing fetched, so it opens anywhere, offline, and can be mailed as one file.
 * Laid out for a 1280 px screen: charts two abreast.
 */
export function renderReportHtml(model: ReportModel, generatedAt: string): string {
  const { run } = model;
  const roundLabels = model.rounds.map((r) => `round ${r}`);
  const kto = renderKto(model.kto, roundLabels);
  const sections = [
    header(model, generatedAt),
    renderVersions(model),
    `<h2>Accuracy per round</h2><div class="charts">${accuracy(model, roundLabels)}</div>`,
    `<h2>Inner loop</h2><p class="verdict" id="labeller-verdict">${escapeHtml(model.labellerVerdict)}</p><div class="charts">${[
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
      lineChart({ title: 'ICC per round', categories: roundLabels, percent: true, series: [
        { name: 'convergence rate', values: model.icc.map((i) => i.convergence) },
        { name: 'ICC consensus correct', values: model.icc.map((i) => i.iccAccuracy) },
        { name: 'majority vote correct', values: model.icc.map((i) => i.majorityAccuracy) },
      ] }),
      ...sizeCharts(model, roundLabels),
    ].join('')}</div>`,
    `<h2>Inner loop per round</h2>${htmlTable(loopTable(model))}`,
    renderTimings(model.timings),
    `<h2>Training data and training</h2>${kto.note}<div class="charts">${[
      barChart({ title: 'Examples emitted per role and label', categories: roundLabels, stacked: true,
        series: ROLES.flatMap((role) => [true, false].map((label) => ({ name: exampleKey(role, label), values: model.examples.map((counts) => counts.find((c) => c.role === role && c.label === label)?.count) }))) }),
      barChart({ title: 'Dataset records per role and label (after replay and weights)', categories: roundLabels, stacked: true,
        series: ROLES.flatMap((role) => [true, false].map((label) => ({ name: exampleKey(role, label), values: model.datasets.map((d) => {
          const c = d?.counts.find((x) => x.role === role);
          return c === undefined ? undefined : label ? c.desirable : c.undesirable;
        }) }))) }),
      ...kto.charts,
    ].join('')}</div>`,
    renderQuestions(model.questions),
    `<h2>Per-round summary</h2>${htmlTable(roundTable(run))}`,
    `<p class="muted">Run folder: ${escapeHtml(run.run_dir)}.${model.metricsUrl ? ` Run metrics (Prometheus) served at ${escapeHtml(model.metricsUrl)} while the run was last driven.` : ''} Report written ${escapeHtml(generatedAt)} from the run's journal and question records.</p>`,
  ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>AERO run ${escapeHtml(run.id)}</title><style>${STYLE}</style></head><body>${sections.join('\n')}</body></html>\n`;
}

/** Sizes (operations) of the generated questions and of the ZPD ones, per round, where questions have a size. */
function sizeCharts(model: ReportModel, roundLabels: readonly string[]): string[] {
  return [
    { title: 'Size of the generated questions (operations)', sizes: model.questionSizes },
    { title: 'Size of the ZPD questions (operations)', sizes: model.zpdSizes },
  ]
    .filter(({ sizes }) => sizes.sizes.length > 0)
    .map(({ title, sizes }) =>
      barChart({ title, xLabel: 'operations', percent: true, categories: sizes.sizes.map(String), series: sizes.byRound.map((shares, i) => ({ name: roundLabels[i], values: shares })) }),
    );
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

/** Per benchmark its chart, and beside it the table of its accuracy per level. */
function accuracy(model: ReportModel, roundLabels: readonly string[]): string {
  return model.accuracy
    .map((a) =>
      lineChart({ title: `${a.benchmark}: greedy pass@1`, categories: ['initial', ...roundLabels], percent: true, series: [{ name: 'all problems', values: a.byRound }, ...a.groups.map((g) => ({ name: g.group, values: g.byRound }))] }) +
      (a.groups.length
        ? `<div><h3>${escapeHtml(a.benchmark)}: accuracy per level</h3>${htmlTable({
            headers: ['level', 'initial', ...model.rounds.map((r) => `round ${r}`)],
            rows: [...a.groups.map((g) => [g.group, ...g.byRound.map(pct)]), ['all', ...a.byRound.map(pct)]],
          })}</div>`
        : ''),
    )
    .join('');
}

function binLabels(bins: number): string[] {
  return Array.from({ length: bins }, (_, i) => (i / bins).toFixed(1));
}
