import type { SynthRefiner } from '../adapters/synth-refiner';
import type { EquivalenceChecker } from '../adapters/equivalence-checker';
import type { ConsensusRule, Labelling, SolverLabelling } from '../domain/icc-types';

/** What the verifier's handler runs on; main.ts builds it from the config. */
export interface VerifierDeps {
  refiner: SynthRefiner;
  equivalence: EquivalenceChecker;
  /** aero.solver_labels: the labelling when a request leaves solver_labels unspecified. */
  solverLabels: SolverLabelling;
  /** aero.labeller: who labels when a request leaves labeller unspecified. */
  labeller: Labelling;
  /** aero.icc_consensus: the consensus rule when a request leaves icc_consensus unspecified. */
  consensus: ConsensusRule;
  /** aero.icc_min_support: the support ICC's consensus needs when a request leaves icc_min_support unset. */
  minSupport: number;
}
