/**
 * An id for a run started without a name: sortable by creation time, with a random suffix so two
 * runs started in the same second do not collide. Matches RUN_ID_PATTERN.
 */
export function newRunId(now: Date, random: () => number = Math.random): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const suffix = Math.floor(random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0');
  return `run-${stamp}-${suffix}`;
}
