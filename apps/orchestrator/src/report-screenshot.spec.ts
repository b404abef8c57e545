import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '@aero/testing';
import { RunStore } from './adapters/run-store';
import { PALETTE } from './domain/report/series-style';
import { reportJournal, reportRecords } from './testing/report-fixture';
import { runChromium } from './testing/run-chromium';
import { screenshotPage } from './testing/screenshot-page';
import { writeRunFixture } from './testing/write-run-fixture';

/**
 * Run in the page once it has loaded: picks zone "zpd" in the question filter as a person would, then
 * writes what the page measures and shows into the DOM, for --dump-dom to print.
 */
const MEASURE = `<script>addEventListener('load', () => {
  const page = document.documentElement;
  const zone = document.getElementById('q-zone');
  zone.value = 'zpd';
  zone.dispatchEvent(new Event('change'));
  const rows = [...document.querySelectorAll('table.questions tbody tr')];
  const measured = {
    innerWidth, clientWidth: page.clientWidth, scrollWidth: page.scrollWidth,
    shownZones: [...new Set(rows.filter((r) => !r.hidden).map((r) => r.dataset.zone))],
    hiddenRows: rows.filter((r) => r.hidden).length,
    shownPerRound: [...document.querySelectorAll('.shown')].map((s) => s.textContent),
  };
  const pre = document.createElement('pre');
  pre.id = 'measured';
  pre.textContent = JSON.stringify(measured);
  document.body.append(pre);
});</script>`;

// The HTML report as a person gets it: `aero report RUN` writes it from a run store (journal and
// question records), then headless Chromium renders it offline on a 1280 px wide screen: the
// screenshot's pixels are checked, and the DOM it built.
describe('aero report, seen in a browser', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orchestrator-report-'));
  const runsDir = path.join(dir, 'runs');
  const html = path.join(dir, 'report.html');
  beforeAll(async () => {
    writeRunFixture(runsDir, 'shown', reportJournal());
    const store = new RunStore(runsDir);
    for (const [round, records] of reportRecords()) for (const record of records) store.writeQuestionRecord('shown', round, record);
    const cli = await execa(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/orchestrator/src/cli.ts'), 'report', 'shown', '--out', html], {
      cwd: repoRoot,
      env: { AERO__RUNS_DIR: runsDir },
    });
    expect(cli.stdout).toBe(`Report: ${html}`);
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes a page that renders charts, not a blank page', async () => {
    const { width, height, inked, colours } = await screenshotPage(html, path.join(dir, 'report.png'), 1280, 2400);
    expect([width, height]).toEqual([1280, 2400]);
    expect(inked).toBeGreaterThan(0.02);
    // The first series colour of the charts is on screen: the SVG was drawn, not only the text.
    expect(colours.has(parseInt(PALETTE[0].slice(1), 16))).toBe(true);
    expect(colours.size).toBeGreaterThan(20);
  }, 90_000);

  it('has the questions, config, KTO curves and labeller verdict, fits 1280 px without scrolling sideways, and filters questions by zone', async () => {
    const measured = path.join(dir, 'measured.html');
    fs.writeFileSync(measured, fs.readFileSync(html, 'utf8').replace('</body>', `${MEASURE}</body>`));
    const dom = await runChromium(measured, 1280, 2400, ['--dump-dom']);

    expect(dom.match(/<table class="questions">/g)).toHaveLength(2);
    expect(dom).toContain('<pre class="json config" id="config">');
    expect(dom).toContain('aria-label="KTO training loss"');
    expect(dom).toContain('aria-label="round 1: KTO loss, rewards and KL"');
    expect(dom).toContain('aria-label="Wall time per phase (seconds)"');
    expect(dom).toMatch(/<p class="verdict" id="labeller-verdict">[^<]+\.<\/p>/);

    const facts = JSON.parse(/<pre id="measured">([^<]*)<\/pre>/.exec(dom)?.[1] ?? 'null') as Record<string, unknown>;
    // The vertical scrollbar takes its share of the 1280 px; nothing is wider than what is left.
    expect(facts.innerWidth).toBe(1280);
    expect(facts.scrollWidth).toBe(facts.clientWidth);
    // Zone "zpd": round 1 has one ZPD question of three, round 2 two.
    expect(facts).toMatchObject({ shownZones: ['zpd'], hiddenRows: 3, shownPerRound: ['1', '2'] });
  }, 90_000);
});
