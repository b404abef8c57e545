import * as fs from 'node:fs';
import * as path from 'node:path';
import { KtoExample } from '@aero/contracts';

/** A run folder as the orchestrator leaves it: rounds/<k>/examples.jsonl, one KtoExample JSON per line. */
export function writeRun(runsDir: string, runId: string, rounds: KtoExample[][]): string {
  const runDir = path.join(runsDir, runId);
  rounds.forEach((examples, i) => {
    const dir = path.join(runDir, 'rounds', String(i + 1));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'examples.jsonl'), examples.map((e) => JSON.stringify(KtoExample.toJSON(e)) + '\n').join(''));
  });
  fs.mkdirSync(runDir, { recursive: true });
  return runDir;
}
