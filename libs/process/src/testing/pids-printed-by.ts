import * as readline from 'node:readline';
import type { Readable } from 'node:stream';

/** The first JSON line a fixture prints on `stdout`: the process ids it started. */
export function pidsPrintedBy(stdout: Readable): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: stdout });
    lines.on('line', (line) => {
      if (line.startsWith('{')) resolve(JSON.parse(line) as Record<string, number>);
    });
    lines.on('close', () => reject(new Error('the fixture printed no process ids')));
  });
}
