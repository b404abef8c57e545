import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';

// The `chromium` package that tools/setup.sh installs.
const CHROMIUM = '/usr/bin/chromium';

/**
 * Opens a local HTML file in headless Chromium, offline, in a width × height window, with `args`
 * (--screenshot=FILE, --dump-dom, ...); a fresh profile beside `html`. Returns what it printed.
 */
export async function runChromium(html: string, width: number, height: number, args: string[]): Promise<string> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`npm run setup\` (tools/setup.sh installs the chromium package)`);
  // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start. The other flags
  // keep it from reaching the network, and a fresh profile keeps runs independent.
  // prettier-ignore
  const { stdout } = await execa(CHROMIUM, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', `--user-data-dir=${fs.mkdtempSync(path.join(path.dirname(html), 'profile-'))}`,
    `--window-size=${width},${height}`, ...args, pathToFileURL(html).href,
  ], { timeout: 60_000 });
  return stdout;
}
