import path from 'node:path';
import { DEFAULT_BENCHMARK } from './eval/benchmark';
import { pretrain } from './train/pretrain';
import { intOption, numberOption, parseArgs } from './util/parse-args';

const MODELS = path.join(__dirname, '../models');

interface Recipe {
  out: string;
  initFrom?: string;
  seed: number; steps: number; tokensPerStep: number; levelWeights: string; refinerLevelWeights: string; roleMix: string; refinerWrongShare: number; positionShift: number;
  lr: number; warmupSteps: number; workers: number; contextLength: number; dModel: number; nLayers: number; nHeads: number;
  evalEvery: number; evalLimit: number;
}

/**
 * The two stages of the shipped base, each the defaults of `pretrain --recipe NAME`. Solver
 * examples come from levels 1-4, plus a few of level 5 (1 in 81): long problems are rare in any
 * corpus; levels 6-8 are never solved in front of the model, while the generator writes every level.
 * `pretrained`: from scratch, mostly solving, refiner examples from the solver's levels
 * (models/pretrained, about 5 minutes on 2 cores).
 * `base`: continues `pretrained` with most examples refinements, of levels 1-6: checking and
 * mending a written derivation is easier than writing one, so the refiner is taught the two levels
 * past the solver's, and no role is taught levels 7-8 (models/base). Without them the refiner
 * mends no better than the solver solves at the frontier, and ICC has nothing to add there.
 */
export const RECIPES: Record<'pretrained' | 'base', Recipe> = {
  pretrained: {
    out: path.join(MODELS, 'pretrained'), seed: 1, steps: 3000, tokensPerStep: 2048, levelWeights: '1,1,1,1,0.05,0,0,0', refinerLevelWeights: '1,1,1,1,0.05,0,0,0', roleMix: '0.7,0.2,0.06,0.04', refinerWrongShare: 0.5,
    positionShift: 64, lr: 3e-3, warmupSteps: 100, workers: 2, contextLength: 256, dModel: 96, nLayers: 3, nHeads: 4, evalEvery: 500, evalLimit: 160,
  },
  base: {
    out: path.join(MODELS, 'base'), initFrom: path.join(MODELS, 'pretrained'), seed: 2, steps: 800, tokensPerStep: 2048, levelWeights: '1,1,1,1,0.05,0,0,0', refinerLevelWeights: '1,1,1,1,1,1,0,0', roleMix: '0.35,0.55,0.06,0.04',
    refinerWrongShare: 0.5, positionShift: 64, lr: 1e-3, warmupSteps: 30, workers: 2, contextLength: 256, dModel: 96, nLayers: 3, nHeads: 4, evalEvery: 0, evalLimit: 160,
  },
};

export async function pretrainCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, [
    'recipe', 'out', 'seed', 'steps', 'tokens-per-step', 'level-weights', 'refiner-level-weights', 'role-mix', 'refiner-wrong-share', 'position-shift', 'lr', 'warmup-steps', 'workers',
    'context', 'd-model', 'layers', 'heads', 'positions', 'benchmark', 'eval-every', 'eval-limit', 'log', 'init-from',
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
    refinerLevelWeights: (args.options.get('refiner-level-weights') ?? r.refinerLevelWeights).split(',').map(Number),
    roleMix: (args.options.get('role-mix') ?? r.roleMix).split(',').map(Number),
    refinerWrongShare: numberOption(args, 'refiner-wrong-share', r.refinerWrongShare),
    positionShift: intOption(args, 'position-shift', r.positionShift),
    lr: numberOption(args, 'lr', r.lr),
    warmupSteps: intOption(args, 'warmup-steps', r.warmupSteps),
    workers: intOption(args, 'workers', r.workers),
    model: {
      contextLength: intOption(args, 'context', r.contextLength),
      dModel: intOption(args, 'd-model', r.dModel),
      nLayers: intOption(args, 'layers', r.nLayers),
      nHeads: intOption(args, 'heads', r.nHeads),
      positions: positionsOption(args.options.get('positions')),
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

/** --positions: learned (default), none or alibi; a base continues its init checkpoint's positions whatever is given. */
function positionsOption(value: string | undefined): 'learned' | 'none' | 'alibi' | undefined {
  if (value === undefined || value === 'learned' || value === 'none' || value === 'alibi') return value;
  throw new Error(`option --positions must be learned, none or alibi, got ${JSON.stringify(value)}`);
}
