import { correctDerivation, formatDerivation } from '../domain/derive-chain';
import { faultyDerivation } from '../domain/faulty-derivation';
import { generateProblem, LEVELS, Problem, TAUGHT_LEVELS, type Level } from '../domain/generate-problem';
import { Rng } from '../util/rng';
import { PromptTemplates, renderPrompt } from './embedded-templates';

export interface Example {
  role: (typeof ROLES)[number];
  prompt: string;
  completion: string;
}

export const ROLES = ['solver', 'refiner', 'generator', 'judge'] as const;

/**
 * Relative share of each role in the pretraining corpus (ROLES order). Solving is where the
 * arithmetic is learnt; the refiner needs enough repairs to learn to copy a candidate and check it
 * line by line; the generator and the judge only learn their formats.
 */
export const ROLE_MIX: readonly number[] = [0.7, 0.2, 0.06, 0.04];

export interface CorpusOptions {
  /** Relative frequency of each level (LEVELS order) in solver examples; 0 = never taught. */
  levelWeights: readonly number[];
  /**
   * The same for refiner examples. Checking and mending a written derivation is easier than
   * writing one, so the refiner may be taught levels the solver is not.
   */
  refinerLevelWeights: readonly number[];
  /** Share of refiner examples whose candidate has a slip; the others show a right candidate. */
  refinerWrongShare: number;
  /** Relative share of each role (ROLES order). */
  roleMix: readonly number[];
}

const TAUGHT_WEIGHTS = LEVELS.map((l) => (TAUGHT_LEVELS.includes(l) ? 1 : 0));

export const DEFAULT_CORPUS: CorpusOptions = { levelWeights: TAUGHT_WEIGHTS, refinerLevelWeights: TAUGHT_WEIGHTS, refinerWrongShare: 0.5, roleMix: ROLE_MIX };

function checkLevelWeights(name: string, weights: readonly number[]): void {
  if (weights.length !== LEVELS.length || weights.some((w) => !(w >= 0)) || !weights.some((w) => w > 0)) {
    throw new Error(`${name} must be ${LEVELS.length} non-negative numbers, not all zero; got ${weights.join(',')}`);
  }
}

export function generatorCompletion(p: Problem): string {
  return JSON.stringify({ question: p.question, meta: { knowledge_points: p.knowledgePoints, domain: 'arithmetic', background: '' } });
}

/**
 * Procedural corpus of the three AERO roles (plus the judge), rendered through the same embedded
 * template files the synth service uses, with the benchmark's questions held out. Solver and
 * refiner examples come from the levels their weights name; the generator writes problems of every
 * level, so the base can pose problems it has never been shown how to solve.
 */
export class CorpusGenerator {
  private readonly rng: Rng;

  constructor(seed: number, private readonly templates: PromptTemplates, private readonly heldOut: ReadonlySet<string>, private readonly options: CorpusOptions = DEFAULT_CORPUS) {
    const { levelWeights, refinerLevelWeights, refinerWrongShare, roleMix } = options;
    checkLevelWeights('level weights', levelWeights);
    checkLevelWeights('refiner level weights', refinerLevelWeights);
    if (!(refinerWrongShare >= 0 && refinerWrongShare <= 1)) throw new Error(`refiner wrong share must be between 0 and 1; got ${refinerWrongShare}`);
    if (roleMix.length !== ROLES.length || roleMix.some((w) => !(w >= 0)) || !roleMix.some((w) => w > 0)) {
      throw new Error(`role mix must be ${ROLES.length} non-negative numbers (${ROLES.join(', ')}), not all zero; got ${roleMix.join(',')}`);
    }
    this.rng = new Rng(seed);
  }

  private problem(levels: readonly Level[], weights?: readonly number[]): Problem {
    for (;;) {
      const level = levels[weights ? this.rng.weighted(weights) : this.rng.int(0, levels.length - 1)];
      const p = generateProblem(this.rng, level);
      if (!this.heldOut.has(p.question)) return p;
    }
  }

  next(): Example {
    const role = ROLES[this.rng.weighted(this.options.roleMix)];
    const t = this.templates;
    if (role === 'generator') {
      return { role, prompt: renderPrompt(t.generator, {}), completion: generatorCompletion(this.problem(LEVELS)) };
    }
    const p = this.problem(LEVELS, role === 'refiner' ? this.options.refinerLevelWeights : this.options.levelWeights);
    const { chain } = p;
    // Each addition line is written total-first or operand-first at random; a refinement keeps the
    // candidate's choices, so the refiner has to read the candidate to write it.
    const orientation = chain.steps.map(() => this.rng.float() < 0.5);
    const right = formatDerivation(correctDerivation(chain, orientation));
    switch (role) {
      case 'solver':
        return { role, prompt: renderPrompt(t.solver, { question: p.question }), completion: right };
      case 'refiner': {
        // A right candidate is kept; a faulty one is repaired at its slip and recomputed from there,
        // which is the right derivation again: the refiner learns to check lines, not to ignore them.
        const candidate = this.rng.float() < this.options.refinerWrongShare ? formatDerivation(faultyDerivation(this.rng, chain, p.answer, orientation)) : right;
        return { role, prompt: renderPrompt(t.refiner, { question: p.question, candidate }), completion: right };
      }
      case 'judge': {
        const same = this.rng.float() < 0.5;
        const other = same ? p.answer : p.answer + BigInt(this.rng.pick([-1, 1, 10, -10, 2]));
        const a = String(p.answer);
        const b = same && this.rng.float() < 0.3 ? p.question : String(other);
        return { role, prompt: renderPrompt(t.judge, { a, b }), completion: JSON.stringify({ equivalent: same }) };
      }
    }
  }
}
