import { readEquivalenceCorpus } from '../testing/read-equivalence-corpus';
import { decideEquivalence } from './decide-equivalence';
import { prepareAnswer } from './prepare-answer';

const corpus = readEquivalenceCorpus();

const FORMS = [
  'integer', 'decimal', 'fraction', 'radical', 'pi', 'power', 'scientific', 'percent', 'degrees', 'units', 'text',
  'expression', 'complex', 'tuple', 'set', 'interval', 'matrix', 'equation', 'misc', 'math-style',
];

describe('equivalence corpus (cheap methods only, no judge)', () => {
  const results = corpus.map((pair) => ({ pair, verdict: decideEquivalence(prepareAnswer(pair.a), prepareAnswer(pair.b)) }));

  it('holds at least 300 pairs covering every answer form, equivalent and not', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    for (const form of FORMS) {
      expect(corpus.filter((p) => p.form === form && p.equivalent).length).toBeGreaterThan(0);
      expect(corpus.filter((p) => p.form === form && !p.equivalent).length).toBeGreaterThan(0);
    }
  });

  it('agrees with the expected verdict on at least 95% of the pairs', () => {
    const agreeing = results.filter((r) => r.verdict.equivalent === r.pair.equivalent).length;
    expect(agreeing / corpus.length).toBeGreaterThanOrEqual(0.95);
  });

  it('never calls a pair that differs in value equivalent', () => {
    const falseEquivalent = results.filter((r) => r.verdict.equivalent && !r.pair.equivalent).map((r) => [r.pair.a, r.pair.b, r.verdict.method]);
    expect(falseEquivalent).toEqual([]);
  });

  it('decides every pair it calls equivalent by a method other than the judge', () => {
    expect(results.filter((r) => r.verdict.method === 'judge')).toEqual([]);
  });
});
