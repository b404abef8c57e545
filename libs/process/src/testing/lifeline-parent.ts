import { once } from 'node:events';
import * as readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import { startProcessGroup } from '../start-process-group';

// A parent for the specs: `lifeline-parent.ts wait|exit ENTRY.ts [ARGS...]` starts the entry (under
// tsx) as a process group of its own, prints the first line the child prints (its process ids), then
// waits to be killed, or exits at once without stopping the child.

async function main(mode: string, entry: string, args: string[]): Promise<void> {
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  const child = await startProcessGroup({ file: process.execPath, args: ['--import', tsx, entry, ...args] }, { stdout: 'pipe', stderr: 'inherit' });
  const [line] = (await once(readline.createInterface({ input: child.stdout! }), 'line')) as [string];
  console.log(line);
  if (mode === 'exit') process.exit(0);
  setInterval(() => undefined, 60_000);
}

const [mode, entry, ...args] = process.argv.slice(2);
void main(mode, entry, args);
