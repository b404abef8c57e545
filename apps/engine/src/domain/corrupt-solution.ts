import { Rng } from '../util/rng';
import { formatSolution, SolutionStyle, solveSteps } from './solve-steps';

/**
 * A plausible wrong derivation for the refiner corpus: one step's result is perturbed the way a
 * small model errs (off by one, a wrong digit, a dropped sign) and later steps compute with it,
 * so the refiner learns to recompute rather than copy. A slip can cancel out (a later product
 * with zero), so draws repeat until the boxed answer is wrong.
 */
export function corruptSolution(rng: Rng, question: string, style: SolutionStyle = 'worked'): string {
  const exact = solveSteps(question);
  for (let attempt = 0; attempt < 32; attempt++) {
    const at = rng.int(0, exact.steps.length - 1);
    const wrong = solveSteps(question, (step, value) => (step === at ? perturb(rng, value) : value));
    if (wrong.answer !== exact.answer) return formatSolution(wrong.steps, wrong.answer, style);
  }
  throw new Error(`no perturbation of one step changes the answer of ${question}`);
}

function perturb(rng: Rng, v: bigint): bigint {
  const kind = rng.int(0, 3);
  if (kind === 0) return v + BigInt(rng.pick([-1, 1]));
  if (kind === 1) return v + BigInt(rng.pick([-10, 10, -100, 100]));
  if (kind === 2 && v !== 0n) return -v;
  const s = String(v < 0n ? -v : v);
  const i = rng.int(0, s.length - 1);
  let d = rng.int(0, 9);
  if (String(d) === s[i]) d = (d + 1) % 10;
  const changed = BigInt(s.slice(0, i) + d + s.slice(i + 1));
  return v < 0n ? -changed : changed;
}
