// Room for a legend entry of the chart frame: its fourth slot ends at the chart's right edge.
const MAX_LABEL = 18;

/**
 * Short names for runs in chart legends: the ids without the parts every id shares ("sweep-mxa57dcp-"
 * and "-s0" of one sweep's runs), cut at "-" or "_". Labels too long for a legend slot keep their
 * end (set name and seed; the sweep's stamp leads); where that leaves two alike, runs are numbered.
 */
export function runLabels(ids: readonly string[]): string[] {
  const parts = ids.map((id) => id.split(/(?<=[-_])/));
  const shared = (at: (p: string[], i: number) => string | undefined) => {
    let n = 0;
    while (ids.length > 1 && parts.every((p) => n < p.length - 1 && at(p, n) === at(parts[0], n))) n++;
    return n;
  };
  const head = shared((p, i) => p[i]);
  const tail = shared((p, i) => p[p.length - 1 - i]);
  const stripped = parts.map((p) => p.slice(head, Math.max(head + 1, p.length - tail)).join('').replace(/[-_]$/, ''));
  for (const labels of [stripped, stripped.map((l) => (l.length <= MAX_LABEL ? l : `…${l.slice(1 - MAX_LABEL)}`))]) {
    if (labels.every((l) => l.length <= MAX_LABEL) && new Set(labels).size === labels.length) return labels;
  }
  return ids.map((_, i) => `run ${i + 1}`);
}
