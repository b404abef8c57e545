import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { repoRoot } from '@aero/testing';
import { PALETTE } from './domain/report/chart-frame';
import { decodePng } from './testing/decode-png';
import { reportJournal } from './testing/report-fixture';
import { writeRunFixture } from './testing/write-run-fixture';

// The HTML report as a person gets it: `aero report RUN` writes it from a run store, then headless
// Chromium (the `chromium` package that tools/setup.sh installs) renders it offline, and the
// screenshot's pixels are checked.
const CHROMIUM = '/usr/bin/chromium';

describe('aero report, seen in a browser', () => {
  it('writes a page that renders charts, not a blank page', async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`npm run setup\` (tools/setup.sh installs the chromium package)`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orchestrator-report-'));
    const runsDir = path.join(dir, 'runs');
    writeRunFixture(runsDir, 'shown', reportJournal());
    const html = path.join(dir, 'report.html');
    const png = path.join(dir, 'report.png');

    const cli = await execa(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/orchestrator/src/cli.ts'), 'report', 'shown', '--out', html], {
      cwd: repoRoot,
      env: { AERO__RUNS_DIR: runsDir },
    });
    expect(cli.stdout).toBe(`Report: ${html}`);

    // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start. The other flags
    // keep it from reaching the network, and a fresh profile keeps runs independent.
    // prettier-ignore
    await execa(CHROMIUM, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', `--user-data-dir=${path.join(dir, 'profile')}`, '--hide-scrollbars',
      '--window-size=1360,1600', `--screenshot=${png}`, pathToFileURL(html).href,
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
