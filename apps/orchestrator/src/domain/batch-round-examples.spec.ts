import { KtoExample, Role, RoundExamples } from '@aero/contracts';
import { batchRoundExamples } from './batch-round-examples';

const round = (k: number, n: number) =>
  RoundExamples.fromPartial({ round: k, examples: Array.from({ length: n }, (_, i) => KtoExample.fromPartial({ role: Role.ROLE_SOLVER, prompt: `p${k}-${i}`, completion: 'c'.repeat(100) })) });
const sizeOf = (r: RoundExamples) => RoundExamples.encode(r).finish().length;

describe('batchRoundExamples', () => {
  it('keeps the rounds in order and packs each batch up to the limit, no further', () => {
    const rounds = [round(1, 10), round(2, 10), round(3, 10), round(4, 1)];
    const limit = sizeOf(rounds[0]) * 2;
    const batches = batchRoundExamples(rounds, limit);
    expect(batches.map((b) => b.map((r) => r.round))).toEqual([[1, 2], [3, 4]]);
    for (const batch of batches) expect(batch.reduce((n, r) => n + sizeOf(r), 0)).toBeLessThanOrEqual(limit);
  });

  it('gives a round larger than the limit a batch of its own, and an empty round a place like any other', () => {
    const batches = batchRoundExamples([round(1, 0), round(2, 50), round(3, 0)], sizeOf(round(1, 10)));
    expect(batches.map((b) => b.map((r) => r.round))).toEqual([[1], [2], [3]]);
    expect(batchRoundExamples([], 100)).toEqual([]);
  });
});
