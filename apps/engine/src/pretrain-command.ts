import path from 'node:path';
import { DEFAULT_BENCHMARK } from './eval/benchmark';
import { pretrain } from './train/pretrain';
import { intOption, numberOption, parseArgs } from './util/parse-args';

const MODELS = path.join(__dirname, '../models');

interface Recipe {
  out: string;
  initFrom?: string;
  seed: number; steps: number; tokensPerStep: number; levelWeights: string; workedShares: string; refinerWrongShare: number;
  lr: number; warmupSteps: number; workers: number; contextLength: number; dModel: number; nLayers: number; nHeads: number;
  evalEvery: number; evalLimit: number;
}

/**
 * The two stages of the shipped base, each the defaults of `pretrain --recipe NAME`.
 * `pretrained`: from scratch, every solution worked out (models/pretrained, about 19 CPU-minutes).
 * `base`: continues `pretrained` on a corpus where most solutions box the answer directly, so the
 * base answers directly when greedy although it can still work problems out (models/base).
 */
export const RECIPES: Record<'pretrained' | 'base', Recipe> = {
  pretrained: {
    out: path.join(MODELS, 'pretrained'), seed: 1, steps: 3300, tokensPerStep: 2048, levelWeights: '3,3,2,1.5,1', workedShares: '1,1,1,1,1', refinerWrongShare: 0.75,
    lr: 3e-3, warmupSteps: 100, workers: 2, contextLength: 256, dModel: 96, nLayers: 3, nHeads: 4, evalEvery: 250, evalLimit: 150,
  },
  base: {
    out: path.join(MODELS, 'base'), initFrom: path.join(MODELS, 'pretrained'), seed: 2, steps: 800, tokensPerStep: 2048, levelWeights: '3,3,2,1.5,1', workedShares: '0.7,0.7,0.4,0.4,0.4', refinerWrongShare: 0.5,
    lr: 1e-3, warmupSteps: 50, workers: 2, contextLength: 256, dModel: 96, nLayers: 3, nHeads: 4, evalEvery: 0, evalLimit: 150,
  },
};

export async function pretrainCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, [
    'recipe', 'out', 'seed', 'steps', 'tokens-per-step', 'level-weights', 'worked-shares', 'refiner-wrong-share', 'lr', 'warmup-steps', 'workers',
    'context', 'd-model', 'layers', 'heads', 'benchmark', 'eval-every', 'eval-limit', 'log', 'init-from',
  ], ['overwrite']);
  const name = args.options.get('recipe') ?? 'pretrained';
  if (name !== 'pretrained' && name !== 'base') throw new Error(`option --recipe must be pretrained or base, got ${JSON.stringify(name)}`);
  const r = RECIPES[name];
  const initFrom = args.options.get('init-from') ?? r.initFrom;
  await pretrain({
    out: path.resolve(args.options.get('out') ?? r.out),
    seed: intOption(args, 'seed', r.seed),
    steps: intOption(args, 'steps', r.steps),
    tokensPerStep: intOption(args, 'tokens-per-step', r.tokensPerStep),
    levelWeights: (args.options.get('level-weights') ?? r.levelWeights).split(',').map(Number),
    workedShares: (args.options.get('worked-shares') ?? r.workedShares).split(',').map(Number),
    refinerWrongShare: numberOption(args, 'refiner-wrong-share', r.refinerWrongShare),
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
    initFrom: initFrom ? path.resolve(initFrom) : undefined,
    command: ['pretrain', ...argv],
  });
}
