import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { buildReportModel } from './domain/report/build-report-model';
import { PALETTE } from './domain/report/chart-frame';
import { renderReportHtml } from './domain/report/render-report-html';
import { decodePng } from './testing/decode-png';
import { reportFixture } from './testing/report-fixture';

// The HTML report as a person sees it: rendered by headless Chromium (the `chromium` package that
// tools/setup.sh installs), offline, then the screenshot's pixels are checked.
describe('the HTML report in a browser', () => {
  it('renders charts, not a blank page', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orchestrator-report-'));
    const html = path.join(dir, 'report.html');
    const png = path.join(dir, 'report.png');
    fs.writeFileSync(html, renderReportHtml(buildReportModel(reportFixture()), '2026-01-02T03:04:05Z'));
    // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
    await execa('chromium', [
      '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--window-size=1360,1600',
      `--screenshot=${png}`, pathToFileURL(html).href,
    ], { timeout: 60_000 });
    const { width, height, rgba } = decodePng(fs.readFileSync(png));
    expect([width, height]).toEqual([1360, 1600]);

    let inked = 0;
    const colours = new Set<number>();
    for (let i = 0; i < rgba.length; i += 4) {
      if (rgba[i] < 235 || rgba[i + 1] < 235 || rgba[i + 2] < 235) inked++;
      colours.add((rgba[i] << 16) | (rgba[i + 1] << 8) | rgba[i + 2]);
    }
    expect(inked / (width * height)).toBeGreaterThan(0.02);
    // The first series colour of the charts is on screen: the SVG was drawn, not only the text.
    expect(colours.has(parseInt(PALETTE[0].slice(1), 16))).toBe(true);
    expect(colours.size).toBeGreaterThan(20);
  }, 90_000);
});
