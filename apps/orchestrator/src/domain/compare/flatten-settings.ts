/**
 * A config as dotted keys ("aero.zpd.mastery_below") with printable values, in the config's own key
 * order. Lists are one value: a run's `extra_args` differ as a whole, not item by item.
 */
export function flattenSettings(value: unknown, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  const visit = (node: unknown, key: string) => {
    if (node !== null && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).length > 0) {
      for (const [k, v] of Object.entries(node)) visit(v, key ? `${key}.${k}` : k);
    } else {
      flat.set(key, typeof node === 'string' ? node : JSON.stringify(node) ?? 'undefined');
    }
  };
  visit(value, prefix);
  return flat;
}
