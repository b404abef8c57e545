import { z } from 'zod';
import { Role } from '@aero/contracts';
import { ktoExample } from '../testing/kto-example';
import { roundExamplesField } from './round-examples-field';

const schema = z.object({ round: z.number(), round_examples: roundExamplesField.schema }).superRefine(roundExamplesField.check);
const issues = (request: unknown) => {
  const result = schema.safeParse(request);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('roundExamplesField', () => {
  const example = ktoExample(Role.ROLE_GENERATOR, 1, 0, true);

  it('passes the examples through whole, provenance and label included', () => {
    const request = { round: 2, round_examples: [{ round: 1, examples: [example] }, { round: 2, examples: [] }] };
    expect(schema.parse(request)).toEqual(request);
  });

  it('refuses more than a million examples in all, naming round_examples', () => {
    const many = (n: number) => Array.from({ length: n }, () => example);
    expect(issues({ round: 2, round_examples: [{ round: 1, examples: many(500_000) }, { round: 2, examples: many(500_000) }] })).toEqual([]);
    expect(issues({ round: 2, round_examples: [{ round: 1, examples: many(500_000) }, { round: 2, examples: many(500_001) }] })).toEqual([
      'round_examples: holds 1000001 examples, more than 1000000',
    ]);
  });

  it('names the first example of a round the trainer cannot train on, by its field', () => {
    const bad = [example, { ...example, prompt: '' }, { ...example, role: Role.ROLE_JUDGE }];
    expect(issues({ round: 2, round_examples: [{ round: 1, examples: bad }, { round: 2, examples: [{ ...example, completion: '' }] }] })).toEqual([
      'round_examples.0.examples.1.prompt: is required',
      'round_examples.1.examples.0.completion: is required',
    ]);
  });

  it('names each round out of range or given twice', () => {
    const rounds = [3, 1, 1, 0].map((round) => ({ round, examples: [] }));
    expect(issues({ round: 2, round_examples: rounds })).toEqual([
      "round_examples.0.round: must be in 1..2 (the request's round)",
      'round_examples.2.round: round 1 is given twice',
      "round_examples.3.round: must be in 1..2 (the request's round)",
    ]);
  });
});
