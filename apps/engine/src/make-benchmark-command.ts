import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_BENCHMARK, makeBenchmark } from './eval/benchmark';
import { intOption, parseArgs } from './util/parse-args';

export const BENCHMARK_SEED = 20261204;
export const BENCHMARK_PER_LEVEL = 100;

export function makeBenchmarkCommand(argv: string[]): void {
  const args = parseArgs(argv, ['out', 'seed', 'per-level']);
  const out = path.resolve(args.options.get('out') ?? DEFAULT_BENCHMARK);
  const items = makeBenchmark(intOption(args, 'seed', BENCHMARK_SEED), intOption(args, 'per-level', BENCHMARK_PER_LEVEL));
  writeFileSync(out, items.map((x) => JSON.stringify(x)).join('\n') + '\n');
  console.log(JSON.stringify({ event: 'benchmark_written', out, problems: items.length }));
}
