import { Token, tokenizeExpression } from './expression';

type Item = { kind: 'val'; value: bigint } | Exclude<Token, { kind: 'num' }>;

/**
 * The canonical derivation the model learns: one `a op b=c` line per operation, innermost
 * parentheses first, then `*` before `+`/`-`, left to right; the last line boxes the result.
 * `alter` may replace a step's result (to derive a plausible wrong solution); later steps then
 * compute with the altered value, exactly as a model that slipped once would.
 */
export function solveSteps(question: string, alter?: (step: number, value: bigint) => bigint): { steps: string[]; answer: bigint } {
  const items: Item[] = tokenizeExpression(question).map((t) => (t.kind === 'num' ? { kind: 'val', value: t.value } : t));
  const steps: string[] = [];
  for (;;) {
    const close = items.findIndex((t) => t.kind === 'rparen');
    let lo = 0;
    let hi = items.length;
    if (close >= 0) {
      lo = close - 1;
      while (lo >= 0 && items[lo].kind !== 'lparen') lo--;
      if (lo < 0) throw new Error(`unbalanced parentheses in ${question}`);
      if (close - lo === 2) {
        items.splice(close, 1);
        items.splice(lo, 1);
        continue;
      }
      lo += 1;
      hi = close;
    }
    if (hi - lo === 1) break;
    let at = -1;
    for (let i = lo; i < hi; i++) {
      const t = items[i];
      if (t.kind === 'op' && t.op === '*') {
        at = i;
        break;
      }
    }
    if (at < 0) at = lo + 1;
    const a = items[at - 1];
    const op = items[at];
    const b = items[at + 1];
    if (a?.kind !== 'val' || op?.kind !== 'op' || b?.kind !== 'val') throw new Error(`malformed expression ${question}`);
    const exact = op.op === '+' ? a.value + b.value : op.op === '-' ? a.value - b.value : a.value * b.value;
    const c = alter ? alter(steps.length, exact) : exact;
    steps.push(`${a.value}${op.op}${b.value}=${c}`);
    items.splice(at - 1, 3, { kind: 'val', value: c });
  }
  const only = items[0];
  if (items.length !== 1 || only.kind !== 'val') throw new Error(`malformed expression ${question}`);
  return { steps, answer: only.value };
}

/**
 * How a solution is written: `worked`, the step lines then the box, or `direct`, the box alone (the
 * whole expression computed at once, which a small model mostly cannot do beyond one operation).
 */
export type SolutionStyle = 'worked' | 'direct';

export function formatSolution(steps: readonly string[], answer: bigint | string, style: SolutionStyle = 'worked'): string {
  return [...(style === 'worked' ? steps : []), `\\boxed{${answer}}`].join('\n');
}
