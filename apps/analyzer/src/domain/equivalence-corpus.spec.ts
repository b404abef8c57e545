import { corpusAnswers, scoreCorpus } from '../testing/score-corpus';
import { readEquivalenceCorpus } from '../testing/read-equivalence-corpus';
import { decideEquivalence } from './decide-equivalence';
import { prepareAnswer } from './prepare-answer';
import type { Verdict } from './verdict';

const corpus = readEquivalenceCorpus();
const PARSE_FAILURE: Verdict = { equivalent: false, method: 'undecided' };
const verdicts = corpus.map((pair) => {
  const answers = corpusAnswers(pair);
  return answers ? decideEquivalence(prepareAnswer(answers[0]), prepareAnswer(answers[1])) : PARSE_FAILURE;
});
const { byClass, overall } = scoreCorpus(corpus, verdicts);
const percent = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;

describe('equivalence corpus (cheap methods only, no judge)', () => {
  it(`holds ${corpus.length} pairs (at least 1500), every class at least 50 pairs, equivalent and not`, () => {
    expect(corpus.length).toBeGreaterThanOrEqual(1500);
    for (const cls of byClass.keys()) {
      const pairs = corpus.filter((p) => p.class === cls);
      expect([cls, pairs.length >= 50, pairs.some((p) => p.equivalent), pairs.some((p) => !p.equivalent)]).toEqual([cls, true, true, true]);
    }
  });

  it(`agrees with the expected verdict on at least 98% of the pairs: ${overall.agreeing}/${overall.pairs}, ${percent(overall.agreeing, overall.pairs)}`, () => {
    expect(overall.agreeing / overall.pairs).toBeGreaterThanOrEqual(0.98);
  });

  it.each([...byClass].map(([cls, s]) => [cls, `${s.agreeing}/${s.pairs}, ${percent(s.agreeing, s.pairs)}`, s] as const))(
    'agrees on at least 95% of the %s pairs: %s',
    (_cls, _summary, score) => expect(score.agreeing / score.pairs).toBeGreaterThanOrEqual(0.95),
  );

  it('never calls a pair that differs in value equivalent', () => {
    const falseEquivalent = corpus.flatMap((p, i) => (verdicts[i].equivalent && !p.equivalent ? [[p.a, p.b, verdicts[i].method]] : []));
    expect(falseEquivalent).toEqual([]);
  });

  it(`proves "different" only for pairs that are different: ${overall.provenDifferent} proven-different verdicts`, () => {
    const wronglyDifferent = corpus.flatMap((p, i) => (p.equivalent && !verdicts[i].equivalent && verdicts[i].method !== 'undecided' ? [[p.a, p.b]] : []));
    expect(wronglyDifferent).toEqual([]);
  });

  it('decides every pair it calls equivalent by a method other than the judge', () => {
    expect(verdicts.filter((v) => v.method === 'judge')).toEqual([]);
  });
});
