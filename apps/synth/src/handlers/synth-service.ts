import { SynthServiceService } from '@aero/contracts';
import { defineService, type GrpcService } from '@aero/service-kit';
import { generateQuestionsMethod } from './generate-questions';
import { refineMethod } from './refine';
import { solveMethod } from './solve';
import type { SynthDeps } from './synth-deps';

/** aero.v1.SynthService: the generator, solver and refiner roles through the inference gateway. */
export function synthService(deps: SynthDeps): GrpcService {
  return defineService(SynthServiceService, {
    generateQuestions: generateQuestionsMethod(deps),
    solve: solveMethod(deps),
    refine: refineMethod(deps),
  });
}
