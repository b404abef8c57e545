import { parseArgs } from 'node:util';
import { loadConfig } from '@aero/config';
import { configFileOf } from '../adapters/config-file-of';
import { RunStore } from '../adapters/run-store';
import { writeCompare } from './write-compare';

/** `aero compare RUN RUN... [--out FILE] [--config FILE]`: writes one HTML page comparing the runs. */
export async function compareCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, config: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length < 2) throw new Error('usage: aero compare RUN RUN... [--out FILE] (two runs or more)');
  const config = loadConfig({ file: configFileOf(argv) });
  console.log(`Comparison: ${writeCompare(new RunStore(config.runs_dir), positionals, values.out)}`);
  return 0;
}
