import type { Analysis, Cluster, IccOutcome, Question, Sample } from '@aero/contracts';
import type { IccPlan } from './plan-icc';

/** ICC solver labelling on convergence: the original code's, or the paper's Eq. 4. */
export type SolverLabelling = 'code' | 'paper';

/**
 * Who decides which answer of a ZPD question is right: ICC, plain majority vote (an ablation), the
 * oracle, the question's known answer (the ceiling of any labeller), or icc_oracle: the known answer
 * on the questions ICC labels (the ceiling of a labeller as selective as ICC).
 */
export type Labelling = 'icc' | 'majority' | 'oracle' | 'icc_oracle';

/**
 * Which agreement of the two refinements is ICC's consensus: any (the paper's rule), or only one on
 * c1's or c2's answer, so that ICC arbitrates between the two largest clusters.
 */
export type ConsensusRule = 'any' | 'c1_or_c2';

/** One analysed question as the verifier receives it. */
export interface IccQuestion {
  runId: string;
  round: number;
  question: Question;
  /** The exact prompt the samples were drawn with. */
  solverPrompt: string;
  /** The n samples, Sample.index = position. */
  samples: Sample[];
  analysis: Analysis;
  solverLabels: SolverLabelling;
  labeller: Labelling;
  /** The question's known answer; the oracle labeller needs it. */
  truth?: string;
  consensus: ConsensusRule;
  /** Share of the samples (0..1) that must give ICC's consensus; 0 = any support. */
  minSupport: number;
}

/** One independent refinement of a cluster representative, with the refiner prompt used. */
export interface IccRefinement {
  prompt: string;
  result: Sample;
}

/** What ICC found out about a question: the labelling input. */
export type IccEvidence =
  | Extract<IccPlan, { kind: 'skip' }>
  | { kind: 'skip'; outcome: IccOutcome.ICC_OUTCOME_NO_KNOWN_ANSWER }
  | {
      /**
       * Nothing is refined: majority vote takes the largest cluster's key as right, the oracle the
       * question's known answer.
       */
      kind: 'unrefined';
      by: 'majority' | 'oracle';
      /** The answer taken as right. */
      consensus: string;
      c1: Cluster;
      c2: Cluster;
      /** Keys of the clusters whose key is equivalent to the consensus. */
      agreeing: ReadonlySet<string>;
    }
  | {
      kind: 'refined';
      c1: Cluster;
      c2: Cluster;
      r1: IccRefinement;
      r2: IccRefinement;
      /** Both refinements have an answer and the two are equivalent. */
      converged: boolean;
      /** Keys of the clusters whose key is equivalent to the consensus r1.result.answer (converged only). */
      agreeing: ReadonlySet<string>;
      /**
       * Keys the solver's samples are labelled against: `agreeing`, or under icc_oracle the keys
       * equivalent to the question's known answer (converged only).
       */
      solverAgreeing: ReadonlySet<string>;
    };
