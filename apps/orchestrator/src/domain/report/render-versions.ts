import { escapeHtml } from './escape-html';
import { htmlTable } from './html-table';
import type { ReportModel } from './report-model';

const NOT_RECORDED = '<span class="muted">not recorded</span>';

/**
 * The run's settings, what it ran (code commit, base checkpoint) and the full config it ran under, as
 * run.json records them; a run created before versions were recorded says "not recorded".
 */
export function renderVersions(model: ReportModel): string {
  const { versions } = model;
  const commit = versions.git_commit
    ? `<code>${escapeHtml(versions.git_commit)}</code>${versions.git_dirty ? ' with uncommitted changes' : ''}`
    : NOT_RECORDED;
  const rows: [string, string][] = [
    ['git commit', commit],
    ['base weights sha256', versions.base_weights_sha256 ? `<code>${escapeHtml(versions.base_weights_sha256)}</code>` : NOT_RECORDED],
    ['base provenance', versions.base_provenance ? `<pre class="json">${escapeHtml(JSON.stringify(versions.base_provenance, null, 2))}</pre>` : NOT_RECORDED],
  ];
  const overrides = Object.entries(model.overrides);
  return [
    '<h2 id="versions">Settings, versions and config</h2><div class="cols"><div>',
    htmlTable({ headers: ['setting', 'value'], rows: model.settings.map((s) => [s.label, s.value]) }),
    `<table class="versions"><tbody>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</tbody></table>`,
    overrides.length ? htmlTable({ headers: ['override', 'value'], rows: overrides }) : '<p class="muted">Started without overrides.</p>',
    '</div><div>',
    `<h3>Resolved config (run.json)</h3><pre class="json config" id="config">${escapeHtml(JSON.stringify(model.config, null, 2))}</pre>`,
    '</div></div>',
  ].join('');
}
