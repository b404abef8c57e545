/**
 * At most `cap` question ids, spread over the groups (zone and ICC outcome) so that a rare group is
 * shown as well as a common one: the groups take turns until the cap is reached or every question is
 * taken, and within a group the picks are evenly spaced over its questions in id order. The same
 * questions always give the same picks, in id order.
 */
export function pickQuestions(questions: readonly { id: string; group: string }[], cap: number): string[] {
  const groups = new Map<string, string[]>();
  for (const q of questions) {
    const ids = groups.get(q.group) ?? [];
    ids.push(q.id);
    groups.set(q.group, ids);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, ids]) => ids.sort());
  const quota = ordered.map(() => 0);
  for (let taken = 0, open = true; open && taken < cap; ) {
    open = false;
    ordered.forEach((ids, g) => {
      if (taken >= cap || quota[g] >= ids.length) return;
      quota[g]++;
      taken++;
      open = true;
    });
  }
  return ordered.flatMap((ids, g) => Array.from({ length: quota[g] }, (_, i) => ids[Math.floor(((i + 0.5) * ids.length) / quota[g])])).sort();
}
