import { clusterSamples, type ClusterInput } from './cluster-samples';

const samples = (answers: (string | null)[]): ClusterInput[] =>
  answers.map((answer, index) => ({ index, text: `solution ${index}`, answer }));
const identical = async (a: string, b: string) => a === b;

describe('clusterSamples', () => {
  it('groups identical answers, largest first, with the first sample of the group as representative', async () => {
    const clusters = await clusterSamples(samples(['3', '4', '4', '3', '4']), identical);
    expect(clusters).toEqual([
      { key: '4', count: 3, representative: 'solution 1', memberIndexes: [1, 2, 4] },
      { key: '3', count: 2, representative: 'solution 0', memberIndexes: [0, 3] },
    ]);
  });

  it('merges a group into the first equivalent cluster, keeping that cluster key', async () => {
    const half = new Set(['1/2', '0.5', '\\frac12']);
    const equivalent = async (a: string, b: string) => a === b || (half.has(a) && half.has(b));
    const clusters = await clusterSamples(samples(['0.5', '1/2', '1/2', '7', '\\frac12', '1/2']), equivalent);
    expect(clusters).toEqual([
      { key: '1/2', count: 5, representative: 'solution 1', memberIndexes: [0, 1, 2, 4, 5] },
      { key: '7', count: 1, representative: 'solution 3', memberIndexes: [3] },
    ]);
  });

  it('leaves parse failures out of every cluster', async () => {
    const clusters = await clusterSamples(samples([null, '2', null, '2']), identical);
    expect(clusters).toEqual([{ key: '2', count: 2, representative: 'solution 1', memberIndexes: [1, 3] }]);
    expect(await clusterSamples(samples([null, null]), identical)).toEqual([]);
  });

  it('breaks ties between equal-sized groups by first appearance', async () => {
    const clusters = await clusterSamples(samples(['b', 'a', 'a', 'b', 'c']), identical);
    expect(clusters.map((c) => c.key)).toEqual(['b', 'a', 'c']);
  });

  it('asks equivalence of each group against the cluster keys, in cluster order, stopping at the first match', async () => {
    const asked: string[] = [];
    const equivalent = async (key: string, answer: string) => {
      asked.push(`${key}~${answer}`);
      return key === 'x' && answer === 'X';
    };
    await clusterSamples(samples(['x', 'x', 'x', 'y', 'y', 'X']), equivalent);
    expect(asked).toEqual(['x~y', 'x~X']);
  });

  it('orders clusters by their final size after merging', async () => {
    // Groups: a(3), b(2), c(2); c merges into b, so b (4) overtakes a (3).
    const equivalent = async (key: string, answer: string) => key === 'b' && answer === 'c';
    const clusters = await clusterSamples(samples(['a', 'a', 'a', 'b', 'b', 'c', 'c']), equivalent);
    expect(clusters.map((c) => [c.key, c.count])).toEqual([
      ['b', 4],
      ['a', 3],
    ]);
  });
});
