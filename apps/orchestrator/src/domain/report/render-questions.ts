import { seriesStyle } from './series-style';
import { escapeHtml } from './escape-html';
import type { QuestionLabel, QuestionRow } from './question-row';
import type { RoundQuestions } from './report-model';

/**
 * Shows only the rows of the chosen zone and outcome, and counts them per round. The one script of
 * the page: inline, it fetches nothing, and without it every row shows.
 */
const FILTER_SCRIPT = `(() => {
  const zone = document.getElementById('q-zone');
  const outcome = document.getElementById('q-outcome');
  const apply = () => {
    for (const table of document.querySelectorAll('table.questions')) {
      let shown = 0;
      for (const row of table.tBodies[0].rows) {
        const keep = (zone.value === '' || row.dataset.zone === zone.value) && (outcome.value === '' || row.dataset.outcome === outcome.value);
        row.hidden = !keep;
        if (keep) shown++;
      }
      table.closest('details').querySelector('.shown').textContent = String(shown);
    }
  };
  zone.addEventListener('change', apply);
  outcome.addEventListener('change', apply);
})();`;

const mark = (label: boolean | undefined) => (label === undefined ? '' : label ? ' ✓' : ' ✗');
const labelClass = (label: boolean | undefined) => (label === undefined ? '' : label ? ' good' : ' bad');

/**
 * Per round, a table of example questions: the question, its samples (answer, cluster, label), the
 * clusters, entropy and zone, ICC's refinements and every label the question produced; filterable by
 * zone and outcome. The last round is open.
 */
export function renderQuestions(rounds: readonly RoundQuestions[]): string {
  const rows = rounds.flatMap((r) => r.rows);
  if (rows.length === 0) return '';
  const options = (values: string[]) => ['<option value="">all</option>', ...[...new Set(values)].sort().map((v) => `<option>${escapeHtml(v)}</option>`)].join('');
  return [
    '<h2 id="questions">Example questions</h2>',
    `<p class="muted">Up to ${Math.max(...rounds.map((r) => r.rows.length))} questions per round, spread evenly over zones and ICC outcomes. A sample shows its answer (∅: none), coloured by cluster; ✓/✗ is the label its training example got. Hover for the full text.</p>`,
    `<div class="filters"><label>zone <select id="q-zone">${options(rows.map((q) => q.zone))}</select></label>`,
    `<label>outcome <select id="q-outcome">${options(rows.map((q) => q.outcome))}</select></label></div>`,
    ...rounds.map((r, i) => roundTable(r, i === rounds.length - 1)),
    `<script>${FILTER_SCRIPT}</script>`,
  ].join('');
}

function roundTable(round: RoundQuestions, open: boolean): string {
  const zones = round.zones.map((z) => `${z.zone} ${z.count}`).join(', ');
  return [
    `<details class="round-questions"${open ? ' open' : ''}><summary>Round ${round.round}: <span class="shown">${round.rows.length}</span> shown of ${round.total} questions (${escapeHtml(zones)})</summary>`,
    '<div class="scroll"><table class="questions"><colgroup><col style="width:17%"><col style="width:9%"><col style="width:10%"><col style="width:24%"><col style="width:10%"><col style="width:14%"><col style="width:16%"></colgroup>',
    '<thead><tr><th>question</th><th>H̄ · zone</th><th>outcome</th><th>samples</th><th>clusters</th><th>refinements</th><th>labels</th></tr></thead><tbody>',
    ...round.rows.map(questionRowHtml),
    '</tbody></table></div></details>',
  ].join('');
}

function questionRowHtml(q: QuestionRow): string {
  const colour = (cluster: number | undefined) => (cluster === undefined ? '#c3c9d3' : seriesStyle(cluster).colour);
  const samples = q.samples
    .map((s, i) => `<span class="chip${labelClass(s.label)}" style="border-left-color:${colour(s.cluster)}" title="${escapeHtml(`sample ${i}${mark(s.label)}\n${s.text}`)}">${escapeHtml(s.answer || '∅')}${mark(s.label)}</span>`)
    .join('');
  const clusters = q.clusters.map((c, i) => `<span class="chip" style="border-left-color:${colour(i)}">${escapeHtml(c.key)} ×${c.count}</span>`).join('');
  const refinements = q.refinements
    .map((r, i) => `<div title="${escapeHtml(r.text)}">r${i + 1} of ${escapeHtml(r.cluster)} → <b>${escapeHtml(r.answer || '∅')}</b> ${labelChips(r.labels, false)}</div>`)
    .join('');
  const outcome = [
    escapeHtml(q.outcome),
    q.consensus ? `<br>consensus <b>${escapeHtml(q.consensus)}</b>` : '',
    q.truth !== undefined ? `<br><span class="muted">truth ${escapeHtml(q.truth)}</span>` : '',
    q.heldOut ? '<br><span class="muted">held out</span>' : '',
    q.rejectedReason ? `<br><span class="muted" title="${escapeHtml(q.rejectedReason)}">refused</span>` : '',
  ].join('');
  return [
    `<tr data-zone="${escapeHtml(q.zone)}" data-outcome="${escapeHtml(q.outcome)}">`,
    `<td><span class="muted">${escapeHtml(q.id)}${q.size === undefined ? '' : ` · size ${q.size}`}</span><br><code class="question">${escapeHtml(q.text)}</code></td>`,
    `<td>${q.normalizedEntropy.toFixed(2)}<br>${escapeHtml(q.zone)}</td>`,
    `<td>${outcome}</td>`,
    `<td>${samples}</td>`,
    `<td>${clusters}</td>`,
    `<td>${refinements || '–'}</td>`,
    `<td>${labelChips(q.labels)}</td>`,
    '</tr>',
  ].join('');
}

/** The labels of examples, one chip per role (and source) with how many were desirable and undesirable. */
function labelChips(labels: readonly QuestionLabel[], withSource = true): string {
  const groups = new Map<string, { good: number; bad: number }>();
  for (const l of labels) {
    const key = withSource && l.source && l.source !== l.role ? `${l.role} ${l.source}` : l.role;
    const g = groups.get(key) ?? { good: 0, bad: 0 };
    if (l.label) g.good++;
    else g.bad++;
    groups.set(key, g);
  }
  return [...groups]
    .map(([key, g]) => `<span class="chip label">${escapeHtml(key)}${g.good ? ` <span class="good">✓${g.good > 1 ? g.good : ''}</span>` : ''}${g.bad ? ` <span class="bad">✗${g.bad > 1 ? g.bad : ''}</span>` : ''}</span>`)
    .join('');
}
