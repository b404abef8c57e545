import { status as Status } from '@grpc/grpc-js';
import { groundTruthOf } from '@aero/arithmetic';
import { IccConsensus, Labeller, SolverLabels, type VerifyResponse } from '@aero/contracts';
import { RpcError, unary } from '@aero/service-kit';
import type { ConsensusRule, Labelling, SolverLabelling } from '../domain/icc-types';
import { verifyQuestion, type IccPorts } from '../domain/verify-question';
import type { VerifierDeps } from './verifier-deps';
import { verifyRequestSchema } from './verify-request-schema';

const LABELLING: Partial<Record<SolverLabels, SolverLabelling>> = {
  [SolverLabels.SOLVER_LABELS_CODE]: 'code',
  [SolverLabels.SOLVER_LABELS_PAPER]: 'paper',
};

const LABELLER: Partial<Record<Labeller, Labelling>> = {
  [Labeller.LABELLER_ICC]: 'icc',
  [Labeller.LABELLER_MAJORITY]: 'majority',
  [Labeller.LABELLER_ORACLE]: 'oracle',
  [Labeller.LABELLER_ICC_ORACLE]: 'icc_oracle',
};

const CONSENSUS: Partial<Record<IccConsensus, ConsensusRule>> = {
  [IccConsensus.ICC_CONSENSUS_ANY]: 'any',
  [IccConsensus.ICC_CONSENSUS_C1_OR_C2]: 'c1_or_c2',
};

/** Verify: ICC on one analysed question, refining through synth and comparing through the analyzer. */
export function verifyMethod(deps: VerifierDeps) {
  return unary(verifyRequestSchema, async (request, ctx): Promise<VerifyResponse> => {
    const settings = { deadline: ctx.deadline, signal: ctx.signal };
    const ports: IccPorts = {
      refine: async (candidate, seed) => {
        const response = await deps.refiner.refine(request.question.text, candidate, { temperature: request.refiner_temperature, seed }, settings);
        if (!response.refinement) throw new RpcError(Status.INTERNAL, 'synth answered Refine without a refinement');
        return { prompt: response.prompt, result: response.refinement };
      },
      equivalent: (a, b) => deps.equivalence.equivalent(a, b, request.allow_judge, settings),
    };
    const solverLabels = LABELLING[request.solver_labels as SolverLabels] ?? deps.solverLabels;
    const labeller = LABELLER[request.labeller as Labeller] ?? deps.labeller;
    if (labeller === 'icc_oracle' && solverLabels !== 'paper') {
      throw new RpcError(Status.INVALID_ARGUMENT, 'labeller: LABELLER_ICC_ORACLE needs the paper solver labels (solver_labels SOLVER_LABELS_PAPER)');
    }
    return verifyQuestion(
      {
        runId: request.run_id,
        round: request.round,
        question: request.question,
        solverPrompt: request.solver_prompt,
        samples: request.samples,
        analysis: request.analysis,
        solverLabels,
        labeller,
        truth: groundTruthOf(request.question.text),
        consensus: CONSENSUS[request.icc_consensus as IccConsensus] ?? deps.consensus,
        minSupport: request.icc_min_support ?? deps.minSupport,
      },
      ports,
      request.seed,
    );
  });
}
