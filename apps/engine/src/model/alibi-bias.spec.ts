import { alibiBias } from './alibi-bias';

describe('alibiBias', () => {
  it('penalises each head by its slope times the distance, read forwards from T - 1 - pos', () => {
    const T = 8;
    const table = alibiBias({ vocabSize: 5, contextLength: T, dModel: 16, nLayers: 1, nHeads: 2 });
    expect(table).toHaveLength(2 * T + 4);
    // Head 0 has slope 2^-4, head 1 2^-8; a query at pos 5 reads keys 0..5 from index T - 1 - 5 = 2.
    expect(Array.from(table.subarray(2, 8))).toEqual([5, 4, 3, 2, 1, 0].map((d) => (d === 0 ? -0 : -d / 16)));
    expect(Array.from(table.subarray(T + 2, T + 8))).toEqual([5, 4, 3, 2, 1, 0].map((d) => (d === 0 ? -0 : -d / 256)));
    expect(Array.from(table.subarray(2 * T))).toEqual([0, 0, 0, 0]);
  });
});
