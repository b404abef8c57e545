import { fixtureMeta } from '../../testing/run-fixtures';
import { reportFixture, stoppedJournal } from '../../testing/report-fixture';
import { PALETTE } from '../report/series-style';
import { replayRun } from '../replay-run';
import { buildCompareModel } from './build-compare-model';
import { renderCompareHtml } from './render-compare-html';

describe('renderCompareHtml', () => {
  // The report's two-round run against a failed one under other settings, named with markup.
  const html = renderCompareHtml(
    buildCompareModel([reportFixture('sweep-x-icc-s0'), replayRun(fixtureMeta({ labeller: 'majority', rounds: 3 }, 'sweep-x-<b>-s0'), stoppedJournal())]),
    '2026-01-02T03:04:05Z',
  );

  it('is one self-contained page: inline style and SVG, nothing fetched, no script', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|src=|href=|@import|url\(/i);
  });

  it('names both runs, escaped, with their colours, state and accuracy change', () => {
    expect(html).toContain('<td>sweep-x-icc-s0</td><td>succeeded</td><td>2 of 2</td>');
    expect(html).toContain('<td>sweep-x-&lt;b&gt;-s0</td><td>failed</td><td>2 of 3</td>');
    expect(html).not.toContain('<b>');
    expect(html).toContain(`<span class="swatch" style="background:${PALETTE[1]}"></span>&lt;b&gt;`);
    expect(html).toContain('<td>40.0%</td><td>50.0% (round 2)</td><td>+10.0 points</td>');
    expect(html).toContain('<td>40.0%</td><td>43.0% (round 2)</td><td>+3.0 points</td>');
  });

  it('tabulates the differing setting', () => {
    expect(html).toMatch(/<td>aero\.labeller<\/td><td>icc<\/td><td>majority<\/td>/);
    expect(html).not.toContain('Apart from the seed');
  });

  it('overlays the curves, the pass@1 axis zoomed onto the values', () => {
    expect(html.match(/<svg /g)).toHaveLength(6);
    const svg = html.slice(html.indexOf('aria-label="arithmetic: greedy pass@1 per round"'));
    expect(svg.slice(0, svg.indexOf('</svg>'))).toMatch(/>35%<.*>55%<.*<polyline .*#2f6fb5.*<polyline .*#e07b24/);
  });

  it('draws each of twelve runs in its own style, in the charts and the run table', () => {
    const many = renderCompareHtml(buildCompareModel(Array.from({ length: 12 }, (_, i) => reportFixture(`run-${i}`))), '2026-01-02T03:04:05Z');
    const chart = many.slice(many.indexOf('aria-label="arithmetic: greedy pass@1 per round"'));
    const lines = [...chart.slice(0, chart.indexOf('</svg>')).matchAll(/<polyline [^>]*stroke="([^"]+)" stroke-width="2"(?: stroke-dasharray="([^"]+)")?/g)].map((m) => `${m[1]} ${m[2] ?? 'solid'}`);
    expect([lines.length, new Set(lines).size]).toEqual([12, 12]);
    const swatches = [...many.matchAll(/<span class="swatch" style="background:([^"]+)">/g)].map((m) => m[1]);
    expect(new Set(swatches).size).toBe(12);
  });
});
