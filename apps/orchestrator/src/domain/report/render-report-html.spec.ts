import { reportSources } from '../../testing/report-fixture';
import { buildReportModel } from './build-report-model';
import { renderReportHtml } from './render-report-html';

describe('renderReportHtml', () => {
  const html = renderReportHtml(buildReportModel(reportSources()), '2026-01-02T03:04:05Z');

  it('is one self-contained page: inline style, SVG and one inline script, nothing fetched', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html.match(/<script/g)).toEqual(['<script']);
    expect(html).toContain('<script>(() => {');
    expect(html).not.toMatch(/<link|<img|<iframe|src=|href=|@import|url\(|fetch\(|XMLHttpRequest/i);
  });

  it('draws every chart the issue asks for', () => {
    const titles = [
      'arithmetic: greedy pass@1',
      'Question status per round',
      'Normalised entropy of questions',
      'ICC per round',
      'Generator and ZPD per round',
      'Size of the generated questions (operations)',
      'Size of the ZPD questions (operations)',
      'Wall time per phase (seconds)',
      'Examples emitted per role and label',
      'Dataset records per role and label',
      'KTO training loss',
      'Learning rate',
      'round 1: KTO loss, rewards and KL',
    ];
    for (const title of titles) expect(html).toContain(`aria-label="${title}`);
    expect(html.match(/<svg /g)).toHaveLength(titles.length);
    // Round 2 logged no rewards: no chart for it, and a note why.
    expect(html).not.toContain('round 2: KTO loss');
    expect(html).toContain('Rewards and KL are not in the journal for 1 of 2 rounds');
  });

  it('tabulates what the inner loop saw per round: well-formed questions, ZPD share and size, identical refinements', () => {
    expect(html).toContain('<th>ZPD median size</th>');
    expect(html).toMatch(/<td>round 2<\/td><td>100.0%<\/td><td>33.3%<\/td><td>5<\/td>/);
  });

  it('states the accuracy change from the initial model to the last round, and which labeller won', () => {
    expect(html).toContain('40.0% → 50.0%');
    expect(html).toContain('+10.0 points after round 2');
    expect(html).toContain('<p class="verdict" id="labeller-verdict">No round has a converged question');
  });

  it('times every phase, with its throughput', () => {
    expect(html).toMatch(/<td>initial<\/td><td>1\.0 s<\/td>.*<td>2\.0 s · 5 problems\/s<\/td>/);
    expect(html).toContain('<td>solving, analysing, ICC</td>');
  });

  it('shows the resolved config, and "not recorded" for versions a run from before did not record', () => {
    expect(html).toContain('<pre class="json config" id="config">{\n  &quot;aero&quot;: {');
    expect(html).toMatch(/<th>git commit<\/th><td><span class="muted">not recorded<\/span>/);
    expect(html).toMatch(/<th>base weights sha256<\/th><td><span class="muted">not recorded<\/span>/);
  });

  it('shows the commit and the base checkpoint a run recorded', () => {
    const sources = reportSources();
    sources.view.meta.versions = { git_commit: 'c0ffee'.padEnd(40, '0'), git_dirty: true, base_weights_sha256: 'ab'.repeat(32), base_provenance: { kind: 'pretrain' } };
    const page = renderReportHtml(buildReportModel(sources), 'now');
    expect(page).toContain(`<code>${'c0ffee'.padEnd(40, '0')}</code> with uncommitted changes`);
    expect(page).toContain(`<code>${'ab'.repeat(32)}</code>`);
    expect(page).toContain('&quot;kind&quot;: &quot;pretrain&quot;');
  });

  it('tabulates the example questions of each round, with zone and outcome to filter on', () => {
    expect(html.match(/<table class="questions">/g)).toHaveLength(2);
    expect(html).toContain('<tr data-zone="zpd" data-outcome="converged">');
    expect(html).toContain('<select id="q-zone"><option value="">all</option><option>chaos</option><option>mastery</option><option>zpd</option></select>');
    expect(html).toContain('Round 2: <span class="shown">3</span> shown of 3 questions (mastery 1, zpd 2)');
    // The last round is open, the others folded.
    expect(html.match(/<details class="round-questions"( open)?>/g)).toEqual(['<details class="round-questions">', '<details class="round-questions" open>']);
  });

  it('says where the run metrics were served, when the journal says so', () => {
    expect(html).not.toContain('Run metrics');
    const sources = reportSources();
    sources.view.metricsUrl = 'http://gpu-7:9465/metrics';
    expect(renderReportHtml(buildReportModel(sources), '2026-01-02T03:04:05Z')).toContain('Run metrics (Prometheus) served at http://gpu-7:9465/metrics while the run was last driven.');
  });

  it('escapes what comes from users and models', () => {
    const sources = reportSources('x');
    sources.view.error = '<img src=x onerror=alert(1)>';
    const page = renderReportHtml(buildReportModel(sources), 'now');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<img');
    // A sample's answer from the model.
    expect(page).toContain('&lt;b&gt;4&lt;/b&gt;');
    expect(page).not.toContain('<b>4</b>');
  });
});
