/** One sample as clustering sees it. */
export interface ClusterInput {
  /** Position among the question's samples. */
  index: number;
  /** The full solution text. */
  text: string;
  /** The extracted answer; null for a parse failure, which joins no cluster. */
  answer: string | null;
}

/** Samples whose answers are equivalent (AERO-SPEC 2.4). */
export interface Cluster {
  /** The answer of the identical-answer group that opened the cluster. */
  key: string;
  count: number;
  /** Full text of the first sample of the opening group. */
  representative: string;
  /** Sample indexes, ascending. */
  memberIndexes: number[];
}

/**
 * AERO-SPEC 2.4: group samples by identical answer, order groups by size (largest first, ties in
 * first-seen order), then merge each group into the first existing cluster whose key is equivalent,
 * else open a new cluster. The result is ordered largest first, ties keeping creation order.
 * `equivalent` is asked once per (cluster key, group answer) pair it needs, in this order.
 */
export async function clusterSamples(
  samples: readonly ClusterInput[],
  equivalent: (clusterKey: string, answer: string) => Promise<boolean>,
): Promise<Cluster[]> {
  const groups = new Map<string, ClusterInput[]>();
  for (const s of samples) {
    if (s.answer === null) continue;
    const group = groups.get(s.answer);
    if (group) group.push(s);
    else groups.set(s.answer, [s]);
  }
  const ordered = [...groups.entries()].sort((x, y) => y[1].length - x[1].length);
  const clusters: Cluster[] = [];
  for (const [answer, members] of ordered) {
    let home: Cluster | undefined;
    for (const c of clusters) {
      if (await equivalent(c.key, answer)) {
        home = c;
        break;
      }
    }
    const indexes = members.map((m) => m.index);
    if (home) {
      home.count += members.length;
      home.memberIndexes = [...home.memberIndexes, ...indexes].sort((x, y) => x - y);
    } else {
      clusters.push({ key: answer, count: members.length, representative: members[0].text, memberIndexes: indexes });
    }
  }
  return clusters.sort((x, y) => y.count - x.count);
}
