import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCheckpoint } from './checkpoint/checkpoint';
import { embeddedTemplates } from './corpus/embedded-templates';
import { DEFAULT_BENCHMARK, readBenchmark } from './eval/benchmark';
import { evaluate, formatReport } from './eval/evaluate';
import { Decoder } from './model/decoder';
import { intOption, parseArgs } from './util/parse-args';

export async function evalCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['benchmark', 'k', 'limit', 'json', 'seed']);
  if (args.positional.length !== 1) throw new Error('eval needs exactly one MODEL_DIR');
  const modelDir = path.resolve(args.positional[0]);
  const ckpt = loadCheckpoint(modelDir);
  const benchFile = path.resolve(args.options.get('benchmark') ?? DEFAULT_BENCHMARK);
  let items = readBenchmark(benchFile);
  const limit = intOption(args, 'limit', 0);
  // A limit keeps every level represented: take the first `limit` problems of each level.
  if (limit > 0) {
    const taken = new Map<number, number>();
    items = items.filter((it) => {
      const n = taken.get(it.level) ?? 0;
      taken.set(it.level, n + 1);
      return n < limit;
    });
  }
  const k = intOption(args, 'k', 8);
  const t0 = Date.now();
  const report = await evaluate(new Decoder(ckpt.cfg, ckpt.params), ckpt.tokenizer, embeddedTemplates().solver, items, { k, seed: intOption(args, 'seed', 0) });
  console.log(formatReport(report));
  const seconds = (Date.now() - t0) / 1000;
  console.error(JSON.stringify({ event: 'eval_done', model: modelDir, benchmark: benchFile, problems: items.length, k, seconds }));
  const json = args.options.get('json');
  if (json) writeFileSync(path.resolve(json), JSON.stringify({ model: modelDir, benchmark: benchFile, seconds, ...report }, null, 2) + '\n');
}
