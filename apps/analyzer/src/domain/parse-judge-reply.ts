/**
 * The judge's verdict from its raw reply (AERO-SPEC 1: `{"equivalent": true|false}`), tolerating code
 * fences and surrounding prose; null when the reply holds no usable verdict.
 */
export function parseJudgeReply(reply: string): boolean | null {
  for (const candidate of reply.match(/\{[^{}]*\}/g) ?? []) {
    try {
      const value = (JSON.parse(candidate) as { equivalent?: unknown }).equivalent;
      if (typeof value === 'boolean') return value;
    } catch {
      // not JSON: the lenient match below may still read it
    }
  }
  const loose = /["']?equivalent["']?\s*[:=]\s*(true|false)\b/i.exec(reply);
  return loose ? loose[1].toLowerCase() === 'true' : null;
}
