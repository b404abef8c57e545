import { applyStep, type Chain, type ChainStep } from './chain';

/** A worked solution: one `a op b=c` line per operation, then the result in a box. */
export interface Derivation {
  lines: string[];
  answer: bigint;
}

/**
 * How each line is written: an addition may put the operand first ("5+7=12" or "7+5=12" after a
 * total of 7), a free choice that carries no meaning, as real solutions vary in wording. Line i of a
 * derivation reads orientation[i]; a missing entry means the total first.
 */
export type Orientation = readonly boolean[];

/**
 * The derivation of a chain as the model learns to write it: the running total, one operation per
 * line, left to right. `steps` may differ from the chain's own (a faulty derivation uses a wrong
 * operand or skips one) and `result` may replace a line's result; later lines compute with whatever
 * the line before wrote, as a solver that slipped once would.
 */
export function deriveChain(
  start: bigint, steps: readonly ChainStep[], orientation: Orientation = [], result?: (index: number, exact: bigint) => bigint,
): Derivation {
  let total = start;
  const lines = steps.map((step, i) => {
    const exact = applyStep(total, step);
    const value = result ? result(i, exact) : exact;
    const line = step.op === '+' && orientation[i] ? `${step.operand}+${total}=${value}` : `${total}${step.op}${step.operand}=${value}`;
    total = value;
    return line;
  });
  return { lines, answer: total };
}

export function correctDerivation(chain: Chain, orientation: Orientation = []): Derivation {
  return deriveChain(chain.start, chain.steps, orientation);
}

export function formatDerivation(d: Derivation): string {
  return [...d.lines, `\\boxed{${d.answer}}`].join('\n');
}
