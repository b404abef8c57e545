import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '@aero/testing';
import { PALETTE } from './domain/report/series-style';
import { reportJournal, stoppedJournal } from './testing/report-fixture';
import { screenshotPage } from './testing/screenshot-page';
import { writeRunFixture } from './testing/write-run-fixture';

// `aero compare` as a person runs it: the CLI as a child process on a run store of two runs that
// differ in one setting, then the page it writes rendered offline in headless Chromium.
describe('aero compare', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orchestrator-compare-'));
  const runsDir = path.join(dir, 'runs');
  writeRunFixture(runsDir, 'sweep-t-icc-s0', reportJournal());
  writeRunFixture(runsDir, 'sweep-t-majority-s0', stoppedJournal(), { labeller: 'majority', rounds: 3 });
  const aero = (...args: string[]) =>
    execa(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/orchestrator/src/cli.ts'), 'compare', ...args], {
      cwd: repoRoot,
      env: { AERO__RUNS_DIR: runsDir },
      reject: false,
    });

  it('writes one page with both runs and the setting that differs, drawn in a browser', async () => {
    const html = path.join(dir, 'compare.html');
    const cli = await aero('sweep-t-icc-s0', 'sweep-t-majority-s0', '--out', html);
    expect([cli.exitCode, cli.stdout]).toEqual([0, `Comparison: ${html}`]);
    const page = fs.readFileSync(html, 'utf8');
    expect(page).toContain('<td>sweep-t-icc-s0</td>');
    expect(page).toContain('<td>sweep-t-majority-s0</td>');
    expect(page).toMatch(/<td>aero\.labeller<\/td><td>icc<\/td><td>majority<\/td>/);

    const { width, height, inked, colours } = await screenshotPage(html, path.join(dir, 'compare.png'), 1280, 1600);
    expect([width, height]).toEqual([1280, 1600]);
    expect(inked).toBeGreaterThan(0.02);
    // Each run's colour covers more than its two 10×10 swatches and one 10×10 legend key per chart
    // (drawn at most full size) can: its lines and markers were drawn.
    const charts = page.match(/<svg /g)?.length ?? 0;
    for (const colour of PALETTE.slice(0, 2)) expect(colours.get(parseInt(colour.slice(1), 16))).toBeGreaterThan(100 * (2 + charts));
    expect(colours.size).toBeGreaterThan(20);
  }, 90_000);

  it('names the unknown runs in one line, fails, and writes nothing', async () => {
    const html = path.join(dir, 'unknown.html');
    const cli = await aero('sweep-t-icc-s0', 'nope', '../etc', '--out', html);
    expect(cli.exitCode).toBe(1);
    expect(cli.stderr).toBe(`error: unknown runs nope, ../etc: not in ${runsDir}`);
    expect(fs.existsSync(html)).toBe(false);
  }, 30_000);

  it('refuses a run given twice', async () => {
    const cli = await aero('sweep-t-icc-s0', 'sweep-t-majority-s0', 'sweep-t-icc-s0');
    expect([cli.exitCode, cli.stderr]).toEqual([1, 'error: run sweep-t-icc-s0 is given twice']);
  }, 30_000);

  it('refuses fewer than two runs with its usage', async () => {
    const cli = await aero('sweep-t-icc-s0');
    expect(cli.exitCode).toBe(1);
    expect(cli.stderr).toBe('error: usage: aero compare RUN RUN... [--out FILE] (two runs or more)');
  }, 30_000);
});
