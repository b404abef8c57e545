import { isCorrectSolution } from '../domain/check-answer';
import { evaluateArithmetic } from '../domain/arithmetic';
import { parseChain } from '../domain/chain';
import { correctDerivation } from '../domain/derive-chain';
import { LEVELS, operationsOf, TAUGHT_LEVELS } from '../domain/generate-problem';
import { embeddedTemplates } from './embedded-templates';
import { CorpusGenerator, DEFAULT_CORPUS, Example } from './corpus-generator';

describe('CorpusGenerator', () => {
  const templates = embeddedTemplates();
  const questionOf = (ex: Example): string => ex.prompt.split('\n')[0].replace(/^Solve /, '');
  const operations = (question: string): number => question.split(/[+-]/).length - 1;
  const draw = (corpus: CorpusGenerator, n: number): Example[] => Array.from({ length: n }, () => corpus.next());

  it('teaches solving and refining on the levels its weights name only, and writes problems of every level', () => {
    const examples = draw(new CorpusGenerator(3, templates, new Set()), 4000);
    const taught = new Set(TAUGHT_LEVELS.map(operationsOf));
    for (const ex of examples.filter((e) => e.role === 'solver' || e.role === 'refiner')) expect(taught.has(operations(questionOf(ex)))).toBe(true);
    const written = new Set(examples.filter((e) => e.role === 'generator').map((e) => operations(JSON.parse(e.completion).question)));
    expect(written).toEqual(new Set(LEVELS.map(operationsOf)));
  });

  it('pairs every solver and refiner prompt with the right derivation; half the refiner candidates have a slip', () => {
    const examples = draw(new CorpusGenerator(4, templates, new Set()), 4000);
    let refiners = 0;
    let wrong = 0;
    for (const ex of examples) {
      if (ex.role !== 'solver' && ex.role !== 'refiner') continue;
      const question = questionOf(ex);
      expect(isCorrectSolution(ex.completion, evaluateArithmetic(question))).toBe(true);
      if (ex.role === 'refiner') {
        refiners++;
        const candidate = ex.prompt.split('Suspect:\n')[1].split('\nRedo:')[0];
        if (!isCorrectSolution(candidate, evaluateArithmetic(question))) wrong++;
        else expect(candidate).toBe(ex.completion);
      }
    }
    expect(Math.abs(wrong / refiners - DEFAULT_CORPUS.refinerWrongShare)).toBeLessThan(0.06);
  });

  it('writes additions in both orders, and a refinement in the order its candidate chose', () => {
    const examples = draw(new CorpusGenerator(6, templates, new Set()), 3000);
    let additions = 0;
    let operandFirst = 0;
    for (const ex of examples.filter((e) => e.role === 'solver')) {
      const chain = parseChain(questionOf(ex))!;
      const totalFirst = correctDerivation(chain).lines;
      ex.completion.split('\n').slice(0, -1).forEach((line, i) => {
        if (chain.steps[i].op !== '+') return;
        additions++;
        if (line !== totalFirst[i]) operandFirst++;
      });
    }
    // Half the additions are written operand first; an addition of two equal numbers reads the same both ways.
    expect(operandFirst / additions).toBeGreaterThan(0.4);
    expect(operandFirst / additions).toBeLessThan(0.5);
    for (const ex of examples.filter((e) => e.role === 'refiner')) {
      const candidate = ex.prompt.split('Suspect:\n')[1].split('\nRedo:')[0].split('\n');
      const refined = ex.completion.split('\n');
      // Lines before the candidate's slip are the same text, orientation included.
      const same = candidate.findIndex((line, i) => line !== refined[i]);
      if (same !== 0) expect(refined[0]).toBe(candidate[0]);
    }
  });

  it('follows the level weights of its curriculum', () => {
    const corpus = new CorpusGenerator(5, templates, new Set(), { ...DEFAULT_CORPUS, levelWeights: [0, 0, 0, 1, 0, 0, 0, 0] });
    for (const ex of draw(corpus, 300)) if (ex.role === 'solver') expect(operations(questionOf(ex))).toBe(operationsOf(4));
  });

  it('draws refiner examples from their own level weights, solver examples from theirs', () => {
    const corpus = new CorpusGenerator(7, templates, new Set(), { ...DEFAULT_CORPUS, refinerLevelWeights: [0, 0, 0, 0, 0, 1, 0, 0] });
    const examples = draw(corpus, 1000);
    const sizes = (role: Example['role']): Set<number> => new Set(examples.filter((e) => e.role === role).map((e) => operations(questionOf(e))));
    expect(sizes('refiner')).toEqual(new Set([operationsOf(6)]));
    expect(sizes('solver')).toEqual(new Set(TAUGHT_LEVELS.map(operationsOf)));
  });

  it('rejects level weights that cannot be a distribution, and a wrong share outside 0..1', () => {
    expect(() => new CorpusGenerator(1, templates, new Set(), { ...DEFAULT_CORPUS, levelWeights: [1, 1, 1, 1] })).toThrow('level weights');
    expect(() => new CorpusGenerator(1, templates, new Set(), { ...DEFAULT_CORPUS, levelWeights: [0, 0, 0, 0, 0, 0, 0, 0] })).toThrow('level weights');
    expect(() => new CorpusGenerator(1, templates, new Set(), { ...DEFAULT_CORPUS, levelWeights: [1, -1, 1, 1, 0, 0, 0, 0] })).toThrow('level weights');
    expect(() => new CorpusGenerator(1, templates, new Set(), { ...DEFAULT_CORPUS, refinerLevelWeights: [0, 0, 0, 0, 0, 0, 0, 0] })).toThrow('refiner level weights');
    expect(() => new CorpusGenerator(1, templates, new Set(), { ...DEFAULT_CORPUS, refinerWrongShare: 1.5 })).toThrow('refiner wrong share');
  });

  it('is reproducible from its seed', () => {
    const a = new CorpusGenerator(9, templates, new Set());
    const b = new CorpusGenerator(9, templates, new Set());
    for (let i = 0; i < 50; i++) expect(a.next()).toEqual(b.next());
  });
});
