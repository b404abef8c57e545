import { Rng } from '../util/rng';
import type { Chain, ChainStep } from './chain';
import { deriveChain, type Derivation, type Orientation } from './derive-chain';

/** The slips a small model makes on a chain: what goes wrong at the faulty line. */
export const SLIPS = ['result', 'operand', 'sign', 'skip', 'repeat', 'stop'] as const;
export type Slip = (typeof SLIPS)[number];

/**
 * A derivation of `chain` with one realistic slip at a random line: a miscomputed result, a wrong
 * operand, the other operator, a skipped or repeated operation, or a stop before the end. Lines
 * before it are right, lines after it compute correctly from the wrong total, so the box is wrong.
 * Draws repeat until the answer differs from the right one (a slip can cancel out).
 */
export function faultyDerivation(rng: Rng, chain: Chain, right: bigint, orientation: Orientation = []): Derivation & { slip: Slip; at: number } {
  for (let attempt = 0; attempt < 64; attempt++) {
    const slip = rng.pick(SLIPS);
    const at = rng.int(0, chain.steps.length - 1);
    const d = withSlip(rng, chain, slip, at, orientation);
    if (d.answer !== right) return { ...d, slip, at };
  }
  throw new Error(`no slip changes the answer of the chain starting ${chain.start}`);
}

function withSlip(rng: Rng, chain: Chain, slip: Slip, at: number, orientation: Orientation): Derivation {
  const steps: ChainStep[] = [...chain.steps];
  const step = steps[at];
  switch (slip) {
    case 'result':
      return deriveChain(chain.start, steps, orientation, (i, exact) => (i === at ? miscompute(rng, exact) : exact));
    case 'operand':
      steps[at] = { ...step, operand: otherDigit(rng, step.operand) };
      break;
    case 'sign':
      steps[at] = { ...step, op: step.op === '+' ? '-' : '+' };
      break;
    case 'skip':
      steps.splice(at, 1);
      break;
    case 'repeat':
      steps.splice(at, 0, step);
      break;
    case 'stop':
      steps.splice(at);
      break;
  }
  return deriveChain(chain.start, steps, orientation);
}

function miscompute(rng: Rng, exact: bigint): bigint {
  const kind = rng.int(0, 2);
  if (kind === 0) return exact + BigInt(rng.pick([-2, -1, 1, 2]));
  if (kind === 1) return exact + BigInt(rng.pick([-10, 10]));
  const digits = String(exact < 0n ? -exact : exact);
  const i = rng.int(0, digits.length - 1);
  const d = (Number(digits[i]) + rng.int(1, 9)) % 10;
  const changed = BigInt(digits.slice(0, i) + d + digits.slice(i + 1));
  return exact < 0n ? -changed : changed;
}

function otherDigit(rng: Rng, operand: bigint): bigint {
  const d = BigInt(rng.int(1, 8));
  return d >= operand ? d + 1n : d;
}
