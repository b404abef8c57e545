import path from 'node:path';
import { DEFAULT_BENCHMARK } from './eval/benchmark';
import { pretrain } from './train/pretrain';
import { intOption, numberOption, parseArgs } from './util/parse-args';

/** Defaults are exactly the recipe of the shipped base checkpoint (apps/engine/models/base). */
export const BASE_RECIPE = {
  seed: 1, steps: 3300, tokensPerStep: 2048, levelWeights: '3,3,2,1.5,1', lr: 3e-3, warmupSteps: 100, workers: 2,
  contextLength: 256, dModel: 96, nLayers: 3, nHeads: 4, evalEvery: 250, evalLimit: 150,
};

export async function pretrainCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['out', 'seed', 'steps', 'tokens-per-step', 'level-weights', 'lr', 'warmup-steps', 'workers', 'context', 'd-model', 'layers', 'heads', 'benchmark', 'eval-every', 'eval-limit', 'log', 'init-from'], ['overwrite']);
  const r = BASE_RECIPE;
  await pretrain({
    out: path.resolve(args.options.get('out') ?? path.join(__dirname, '../models/base')),
    seed: intOption(args, 'seed', r.seed),
    steps: intOption(args, 'steps', r.steps),
    tokensPerStep: intOption(args, 'tokens-per-step', r.tokensPerStep),
    levelWeights: (args.options.get('level-weights') ?? r.levelWeights).split(',').map(Number),
    lr: numberOption(args, 'lr', r.lr),
    warmupSteps: intOption(args, 'warmup-steps', r.warmupSteps),
    workers: intOption(args, 'workers', r.workers),
    model: {
      contextLength: intOption(args, 'context', r.contextLength),
      dModel: intOption(args, 'd-model', r.dModel),
      nLayers: intOption(args, 'layers', r.nLayers),
      nHeads: intOption(args, 'heads', r.nHeads),
    },
    benchmark: path.resolve(args.options.get('benchmark') ?? DEFAULT_BENCHMARK),
    evalEvery: intOption(args, 'eval-every', r.evalEvery),
    evalLimit: intOption(args, 'eval-limit', r.evalLimit),
    overwrite: args.options.get('overwrite') === 'true',
    log: args.options.get('log'),
    initFrom: args.options.has('init-from') ? path.resolve(args.options.get('init-from')!) : undefined,
    command: ['pretrain', ...argv],
  });
}
