import { corruptSolution } from '../domain/corrupt-solution';
import { generateProblem, LEVELS, Problem } from '../domain/generate-problem';
import { formatSolution, solveSteps } from '../domain/solve-steps';
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
  ) {
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

  next(): Example {
    const role = ROLE_MIX[this.rng.weighted(ROLE_MIX.map(([, share]) => share))][0];
    const p = this.problem();
    const { steps, answer } = solveSteps(p.question);
    const solution = formatSolution(steps, answer);
    const t = this.templates;
    switch (role) {
      case 'generator':
        return { role, prompt: renderPrompt(t.generator, {}), completion: generatorCompletion(p) };
      case 'solver':
        return { role, prompt: renderPrompt(t.solver, { question: p.question }), completion: solution };
      case 'refiner': {
        // Mostly wrong candidates, sometimes right ones: the refiner must recompute, not flip answers.
        const candidate = this.rng.float() < 0.75 ? corruptSolution(this.rng, p.question) : solution;
        return { role, prompt: renderPrompt(t.refiner, { question: p.question, candidate }), completion: solution };
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
