import { VerifierServiceService } from '@aero/contracts';
import { defineService, type GrpcService } from '@aero/service-kit';
import type { VerifierDeps } from './verifier-deps';
import { verifyMethod } from './verify';

/** aero.v1.VerifierService: Independent Counterfactual Correction and KTO labelling. */
export function verifierService(deps: VerifierDeps): GrpcService {
  return defineService(VerifierServiceService, { verify: verifyMethod(deps) });
}
