import { corruptSolution } from '../domain/corrupt-solution';
import { generateProblem, LEVELS, Problem } from '../domain/generate-problem';
import { formatSolution, SolutionStyle, solveSteps } from '../domain/solve-steps';
import { Rng } from '../util/rng';
import { PromptTemplates, renderPrompt } from './embedded-templates';

export interface Example {
  role: 'generator' | 'solver' | 'refiner' | 'judge';
  prompt: string;
  completion: string;
}

/**
 * Share of each role in the pretraining corpus. Solving is where the arithmetic is learnt and the
 * compute budget is small, so the other roles get just enough examples to learn their formats
 * (generator JSON lines are long, so at equal shares they would take a fifth of all tokens).
 */
export const ROLE_MIX: readonly [Example['role'], number][] = [
  ['solver', 0.84],
  ['refiner', 0.09],
  ['generator', 0.04],
  ['judge', 0.03],
];

/**
 * Share of solver examples (and refiner candidates) that are worked solutions, per level; the others
 * box the answer directly. Short problems are mostly worked out, longer ones mostly just answered:
 * the base model then answers the longer ones directly when greedy, which it mostly cannot do, while
 * at temperature 1 it often works them out, which it mostly can. That working pays is what
 * self-evolution has to find out (the paper's base models likewise reason better than they choose to).
 */
export const WORKED_SHARES: readonly number[] = [0.7, 0.7, 0.4, 0.4, 0.4];

export function generatorCompletion(p: Problem): string {
  return JSON.stringify({ question: p.question, meta: { knowledge_points: p.knowledgePoints, domain: 'arithmetic', background: '' } });
}

/**
 * Procedural corpus of the three AERO roles (plus the judge), rendered through the same embedded
 * template files the synth service uses, with the benchmark's questions held out.
 */
export class CorpusGenerator {
  private readonly rng: Rng;

  /** levelWeights[i] is the relative frequency of LEVELS[i]: a curriculum that favours easy levels. */
  constructor(
    seed: number, private readonly templates: PromptTemplates, private readonly heldOut: ReadonlySet<string>,
    private readonly levelWeights: readonly number[] = LEVELS.map(() => 1),
    private readonly workedShares: readonly number[] = WORKED_SHARES,
    private readonly refinerWrongShare = 0.5,
  ) {
    if (workedShares.length !== LEVELS.length || workedShares.some((s) => !(s >= 0 && s <= 1))) {
      throw new Error(`worked shares must be ${LEVELS.length} numbers between 0 and 1; got ${workedShares.join(',')}`);
    }
    if (!(refinerWrongShare >= 0 && refinerWrongShare <= 1)) throw new Error(`refiner wrong share must be between 0 and 1; got ${refinerWrongShare}`);
    if (levelWeights.length !== LEVELS.length || levelWeights.some((w) => !(w >= 0)) || !levelWeights.some((w) => w > 0)) {
      throw new Error(`level weights must be ${LEVELS.length} non-negative numbers, not all zero; got ${levelWeights.join(',')}`);
    }
    this.rng = new Rng(seed);
  }

  private problem(): Problem {
    for (;;) {
      const p = generateProblem(this.rng, LEVELS[this.rng.weighted(this.levelWeights)]);
      if (!this.heldOut.has(p.question)) return p;
    }
  }

  // A share of 1 draws no random number, so the all-worked corpus of models/pretrained stays the
  // stream that checkpoint was trained on.
  private style(p: Problem): SolutionStyle {
    const share = this.workedShares[LEVELS.indexOf(p.level)];
    if (share === 1) return 'worked';
    return this.rng.float() < share ? 'worked' : 'direct';
  }

  next(): Example {
    const role = ROLE_MIX[this.rng.weighted(ROLE_MIX.map(([, share]) => share))][0];
    const p = this.problem();
    const { steps, answer } = solveSteps(p.question);
    const t = this.templates;
    switch (role) {
      case 'generator':
        return { role, prompt: renderPrompt(t.generator, {}), completion: generatorCompletion(p) };
      case 'solver':
        return { role, prompt: renderPrompt(t.solver, { question: p.question }), completion: formatSolution(steps, answer, this.style(p)) };
      case 'refiner': {
        // The refiner always works the problem out, from right and wrong candidates alike, so that
        // it recomputes instead of flipping the answer.
        const style = this.style(p);
        const candidate = this.rng.float() < this.refinerWrongShare ? corruptSolution(this.rng, p.question, style) : formatSolution(steps, answer, style);
        return { role, prompt: renderPrompt(t.refiner, { question: p.question, candidate }), completion: formatSolution(steps, answer, 'worked') };
      }
      case 'judge': {
        const same = this.rng.float() < 0.5;
        const other = same ? answer : answer + BigInt(this.rng.pick([-1, 1, 10, -10, 2]));
        const a = String(answer);
        const b = same && this.rng.float() < 0.3 ? p.question : String(other);
        const equivalent = same;
        return { role, prompt: renderPrompt(t.judge, { a, b }), completion: JSON.stringify({ equivalent }) };
      }
    }
  }
}
