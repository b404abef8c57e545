import { IccOutcome, type VerifyResponse } from '@aero/contracts';
import type { IccEvidence, IccQuestion, IccRefinement } from './icc-types';
import { labelIcc } from './label-icc';
import { planIcc } from './plan-icc';

/** What ICC needs from the other services, bound to one call's deadline and settings. */
export interface IccPorts {
  /** One refinement of `candidate` for this question; the refiner sees nothing else. */
  refine(candidate: string, seed: number | undefined): Promise<IccRefinement>;
  /** Whether two answers are equivalent. */
  equivalent(a: string, b: string): Promise<boolean>;
}

/**
 * Independent Counterfactual Correction of one question (AERO-SPEC 2.7): refine the
 * representatives of c1 and c2 side by side and independently (r1 with seed, r2 with seed + 1),
 * compare a1 with a2, and on convergence compare the cluster keys the labelling needs with
 * a* = a1 (c1 and c2 for the code labels, every cluster for the paper's). With the majority
 * labeller nothing is refined and a* is c1's key; with the oracle, the question's known answer (a
 * question without one is left unlabelled). icc_oracle runs ICC and, on convergence, also compares
 * the keys with the known answer, which labels the solver's samples.
 */
export async function verifyQuestion(q: IccQuestion, ports: IccPorts, seed?: number): Promise<VerifyResponse> {
  return labelIcc(q, await gatherEvidence(q, ports, seed));
}

async function gatherEvidence(q: IccQuestion, ports: IccPorts, seed: number | undefined): Promise<IccEvidence> {
  const plan = planIcc(q.analysis);
  if (plan.kind === 'skip') return plan;
  const { c1, c2 } = plan;
  if (q.labeller === 'majority' || q.labeller === 'oracle') {
    const consensus = q.labeller === 'majority' ? c1.key : q.truth;
    if (consensus === undefined) return { kind: 'skip', outcome: IccOutcome.ICC_OUTCOME_NO_KNOWN_ANSWER };
    return { kind: 'unrefined', by: q.labeller, consensus, c1, c2, agreeing: await agreeingWith(q, ports, consensus, [c1.key, c2.key]) };
  }
  if (q.labeller === 'icc_oracle' && q.truth === undefined) return { kind: 'skip', outcome: IccOutcome.ICC_OUTCOME_NO_KNOWN_ANSWER };
  const [r1, r2] = await Promise.all([
    ports.refine(c1.representative, seed),
    ports.refine(c2.representative, seed === undefined ? undefined : seed + 1),
  ]);
  const converged = r1.result.parsed && r2.result.parsed && (await ports.equivalent(r1.result.answer, r2.result.answer));
  if (!converged) return { kind: 'refined', c1, c2, r1, r2, converged, agreeing: new Set(), solverAgreeing: new Set() };
  const top = [c1.key, c2.key];
  const agreeing = await agreeingWith(q, ports, r1.result.answer, top);
  // icc_oracle: ICC's a* still decides what is labelled; the known answer labels the solver's samples.
  const solverAgreeing = q.labeller === 'icc_oracle' && q.truth !== undefined ? await agreeingWith(q, ports, q.truth, top) : agreeing;
  return { kind: 'refined', c1, c2, r1, r2, converged, agreeing, solverAgreeing };
}

/**
 * The keys equivalent to the consensus, among c1 and c2 (code labels) or every cluster (paper
 * labels, or a support floor, which counts every sample that gives the consensus).
 */
async function agreeingWith(q: IccQuestion, ports: IccPorts, consensus: string, top: string[]): Promise<ReadonlySet<string>> {
  const keys = q.solverLabels === 'paper' || q.minSupport > 0 ? q.analysis.clusters.map((c) => c.key) : top;
  const verdicts = await Promise.all(keys.map((key) => ports.equivalent(key, consensus)));
  return new Set(keys.filter((_, i) => verdicts[i]));
}
