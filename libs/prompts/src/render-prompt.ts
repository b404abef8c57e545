const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Substitutes `{{name}}` placeholders in one pass, so a value that itself contains `{{...}}` (a
 * model-written question, say) is inserted verbatim and never expanded. Throws naming every
 * variable the template needs but was not given, and every placeholder left malformed.
 */
export function renderPrompt(template: string, vars: Record<string, string>): string {
  const missing = new Set<string>();
  const out = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) {
      missing.add(name);
      return '';
    }
    return value;
  });
  if (missing.size) throw new Error(`missing prompt variable(s): ${[...missing].join(', ')}`);
  const leftover = template.replace(PLACEHOLDER, '').match(/\{\{[^}]*\}\}?/);
  if (leftover) throw new Error(`malformed placeholder left in template: ${leftover[0]}`);
  return out;
}
