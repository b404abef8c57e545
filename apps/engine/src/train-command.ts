import path from 'node:path';
import { readKtoConfig } from './train/kto-config';
import { trainKto } from './train/kto-trainer';
import { intOption, parseArgs } from './util/parse-args';

export async function trainCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['workers']);
  if (args.positional.length !== 1) throw new Error('train needs exactly one CONFIG.yaml');
  const cfg = readKtoConfig(path.resolve(args.positional[0]));
  const result = await trainKto(cfg, { workers: intOption(args, 'workers', 2) });
  console.log(JSON.stringify({ event: 'train_done', output_dir: cfg.output_dir, ...result }));
}
