import { reportFixture } from '../../testing/report-fixture';
import { buildReportModel } from './build-report-model';
import { renderReportHtml } from './render-report-html';

describe('renderReportHtml', () => {
  const html = renderReportHtml(buildReportModel(reportFixture()), '2026-01-02T03:04:05Z');

  it('is one self-contained page: inline style and SVG, nothing fetched, no script', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|<img|src=|href=|@import|url\(/i);
  });

  it('draws every chart the issue asks for', () => {
    for (const title of [
      'arithmetic: greedy pass@1',
      'Question status per round',
      'Normalised entropy of questions',
      'ICC per round',
      'Generator and ZPD per round',
      'Size of the ZPD questions (operations)',
      'Examples emitted per role and label',
      'Dataset records per role and label',
      'KTO training loss',
    ]) {
      expect(html).toContain(`aria-label="${title}`);
    }
    expect(html.match(/<svg /g)).toHaveLength(9);
  });

  it('tabulates what the inner loop saw per round: well-formed questions, ZPD share and size, identical refinements', () => {
    expect(html).toContain('<th>ZPD median size</th>');
    expect(html).toMatch(/<td>round 2<\/td><td>100.0%<\/td><td>33.3%<\/td><td>5<\/td>/);
  });

  it('states the accuracy change from the initial model to the last round', () => {
    expect(html).toContain('40.0% → 50.0%');
    expect(html).toContain('+10.0 points after round 2');
  });

  it('escapes what comes from users and models', () => {
    const view = reportFixture('x');
    view.error = '<img src=x onerror=alert(1)>';
    const page = renderReportHtml(buildReportModel(view), 'now');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<img');
  });
});
