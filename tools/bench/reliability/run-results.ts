import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Run } from '@aero/contracts';

/**
 * What a run produced, file by file: its datasets, questions, examples, evaluations and trained
 * models, and its summaries; journals, logs and job records (timings, attempts) are left out. The run's
 * id is written as RUN wherever it appears, so two runs of the same config and seed compare equal
 * exactly when they produced the same results.
 */
export function runResults(run: Run): Map<string, string> {
  const results = new Map<string, string>();
  const hash = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
  const anonymous = (text: string) => text.split(run.id).join('RUN');
  for (const file of fs.readdirSync(run.run_dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!RESULT_FILES.some((pattern) => pattern.test(file))) continue;
    const bytes = fs.readFileSync(path.join(run.run_dir, file));
    results.set(file, hash(file.endsWith('.safetensors') ? bytes : anonymous(bytes.toString('utf8'))));
  }
  const { state, error, baseline, round_summaries } = run;
  results.set('(run summary)', hash(anonymous(JSON.stringify({ state, error, baseline, round_summaries }))));
  return results;
}

const RESULT_FILES = [
  /^datasets\/aero_r\d+\.jsonl$/,
  /^rounds\/\d+\/(questions|examples)\.jsonl$/,
  /^rounds\/\d+\/questions\/[^/]+\.json$/,
  /^rounds\/\d+\/evaluations\/[^/]+\.jsonl$/,
  /^training\/r\d+\/model\/(model\.safetensors|config\.json)$/,
];

/** The names whose results differ between two runs, or that only one of them has. */
export function differingResults(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((name) => a.get(name) !== b.get(name)).sort();
}
