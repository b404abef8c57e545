import { boxedAnswer } from './answer';
import { applyStep, type Chain, type ChainStep } from './chain';

/**
 * What first goes wrong in a model's derivation of a chain, line by line against the right one:
 * - garbled: a line that is no `a+b=c` / `a-b=c` (the model lost the format);
 * - total: the line does not start from the running total the lines before it reached;
 * - skip / repeat: it applies the next operation, or the previous one again;
 * - sign: the right operand with the other operator; operand: another operand;
 * - result: the right operation, miscomputed;
 * - stop: it boxes an answer before the last operation; extra: it writes lines past the last one;
 * - box: every line right, but no box or another number in it;
 * - none: the derivation is right.
 */
export type DerivationError = 'none' | 'garbled' | 'total' | 'skip' | 'repeat' | 'sign' | 'operand' | 'result' | 'stop' | 'extra' | 'box';

export interface FirstError {
  error: DerivationError;
  /** 0-based line of the error (the line count for stop, extra, box and none). */
  line: number;
}

const LINE = /^(-?\d+)([+-])(-?\d+)=(-?\d+)$/;

/**
 * The first error of `text`, a derivation of `chain` as the embedded solver writes it: one line per
 * operation, the running total first (an addition may put the operand first), then `\boxed{answer}`.
 */
export function firstDerivationError(chain: Chain, text: string): FirstError {
  const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('\\boxed'));
  const { steps } = chain;
  let total = chain.start;
  for (let k = 0; k < lines.length; k++) {
    if (k >= steps.length) return { error: 'extra', line: k };
    const m = LINE.exec(lines[k].trim());
    if (!m) return { error: 'garbled', line: k };
    const used = usedStep(total, BigInt(m[1]), m[2] as ChainStep['op'], BigInt(m[3]));
    if (!used) return { error: 'total', line: k };
    const step = steps[k];
    const same = (s: ChainStep | undefined) => s !== undefined && s.op === used.op && s.operand === used.operand;
    if (!same(step)) {
      if (same(steps[k + 1])) return { error: 'skip', line: k };
      if (same(steps[k - 1])) return { error: 'repeat', line: k };
      return { error: used.operand === step.operand ? 'sign' : 'operand', line: k };
    }
    total = applyStep(total, step);
    if (BigInt(m[4]) !== total) return { error: 'result', line: k };
  }
  if (lines.length < steps.length) return { error: 'stop', line: lines.length };
  return { error: boxedAnswer(text) === String(total) ? 'none' : 'box', line: lines.length };
}

/** The operation a line `x op y` applies to `total`: total first, or (for +) the operand first. */
function usedStep(total: bigint, x: bigint, op: ChainStep['op'], y: bigint): ChainStep | undefined {
  if (x === total) return { op, operand: y };
  if (op === '+' && y === total) return { op, operand: x };
  return undefined;
}
