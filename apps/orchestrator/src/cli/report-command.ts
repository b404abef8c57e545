import { parseArgs } from 'node:util';
import { loadConfig } from '@aero/config';
import { configFileOf } from '../adapters/config-file-of';
import { RunStore } from '../adapters/run-store';
import { writeReport } from './write-report';

/** `aero report RUN [--out FILE] [--config FILE]`: writes the run's self-contained HTML report. */
export async function reportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, config: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new Error('usage: aero report RUN [--out FILE]');
  const config = loadConfig({ file: configFileOf(argv) });
  console.log(`Report: ${writeReport(new RunStore(config.runs_dir), positionals[0], values.out)}`);
  return 0;
}
