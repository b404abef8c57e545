import { isCorrectSolution } from '../domain/check-answer';
import { evaluateExpression } from '../domain/expression';
import { embeddedTemplates } from './embedded-templates';
import { CorpusGenerator, WORKED_SHARES } from './corpus-generator';

describe('CorpusGenerator', () => {
  const templates = embeddedTemplates();

  it('follows the level weights of its curriculum', () => {
    const corpus = new CorpusGenerator(3, templates, new Set(), [1, 0, 0, 0, 0]);
    for (let i = 0; i < 200; i++) {
      const ex = corpus.next();
      // Level 1 has exactly one operation: a worked solution has one step line before the box.
      if (ex.role === 'solver') expect(ex.completion.split('\n').length).toBeLessThanOrEqual(2);
    }
  });

  const worked = (text: string): boolean => !text.startsWith('\\boxed{');

  /** Worked share of solver examples, and right share of refiner candidates, over n examples. */
  function shares(corpus: CorpusGenerator, n: number): { worked: number; rightCandidates: number } {
    let solvers = 0;
    let workedSolvers = 0;
    let refiners = 0;
    let rightCandidates = 0;
    for (let i = 0; i < n; i++) {
      const ex = corpus.next();
      const question = ex.prompt.split('\n')[0].replace(/^Solve /, '');
      if (ex.role === 'solver') {
        solvers++;
        if (worked(ex.completion)) workedSolvers++;
      }
      if (ex.role === 'refiner') {
        refiners++;
        expect(worked(ex.completion)).toBe(true);
        expect(isCorrectSolution(ex.completion, evaluateExpression(question))).toBe(true);
        const candidate = ex.prompt.split('Suspect:\n')[1].split('\nRedo:')[0];
        if (isCorrectSolution(candidate, evaluateExpression(question))) rightCandidates++;
      }
    }
    return { worked: workedSolvers / solvers, rightCandidates: rightCandidates / refiners };
  }

  it('works out each level\'s share of solver examples and boxes the others directly; the refiner always works it out', () => {
    const easy = shares(new CorpusGenerator(4, templates, new Set(), [1, 0, 0, 0, 0]), 3000);
    const hard = shares(new CorpusGenerator(4, templates, new Set(), [0, 0, 0, 1, 0]), 3000);
    expect(Math.abs(easy.worked - WORKED_SHARES[0])).toBeLessThan(0.04);
    expect(Math.abs(hard.worked - WORKED_SHARES[3])).toBeLessThan(0.04);
    expect(Math.abs(hard.rightCandidates - 0.5)).toBeLessThan(0.1);
  });

  it('writes every solution worked out at shares of 1, with mostly wrong refiner candidates at a wrong share of 0.75', () => {
    const all = shares(new CorpusGenerator(5, templates, new Set(), undefined, [1, 1, 1, 1, 1], 0.75), 3000);
    expect(all.worked).toBe(1);
    expect(Math.abs(all.rightCandidates - 0.25)).toBeLessThan(0.1);
    expect(() => new CorpusGenerator(1, templates, new Set(), undefined, [1, 1, 1, 1])).toThrow('worked shares');
    expect(() => new CorpusGenerator(1, templates, new Set(), undefined, [1, 1, 1, 1, 2])).toThrow('worked shares');
    expect(() => new CorpusGenerator(1, templates, new Set(), undefined, undefined, -0.1)).toThrow('refiner wrong share');
  });

  it('rejects level weights that cannot be a distribution', () => {
    expect(() => new CorpusGenerator(1, templates, new Set(), [1, 1])).toThrow('level weights');
    expect(() => new CorpusGenerator(1, templates, new Set(), [0, 0, 0, 0, 0])).toThrow('level weights');
    expect(() => new CorpusGenerator(1, templates, new Set(), [1, -1, 1, 1, 1])).toThrow('level weights');
  });

  it('is reproducible from its seed', () => {
    const a = new CorpusGenerator(9, templates, new Set());
    const b = new CorpusGenerator(9, templates, new Set());
    for (let i = 0; i < 50; i++) expect(a.next()).toEqual(b.next());
  });
});
