import { RoundExamples } from '@aero/contracts';

/**
 * Rounds of examples in order, grouped into batches of at most `maxBytes` encoded each (a round
 * larger than that alone in its batch), so each BuildDataset that carries them stays under the
 * trainer's message limit.
 */
export function batchRoundExamples(rounds: readonly RoundExamples[], maxBytes: number): RoundExamples[][] {
  const batches: RoundExamples[][] = [];
  let bytes = 0;
  for (const round of rounds) {
    const size = RoundExamples.encode(round).finish().length;
    const last = batches.at(-1);
    if (last && bytes + size <= maxBytes) {
      last.push(round);
      bytes += size;
    } else {
      batches.push([round]);
      bytes = size;
    }
  }
  return batches;
}
