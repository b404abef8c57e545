import type { Extraction, ExtractionMode } from '@aero/answer';
import { AnalyzerServiceService, type AnalyzeResponse } from '@aero/contracts';
import { defineService, type GrpcService } from '@aero/service-kit';
import type { ZpdThresholds } from '../domain/classify-status';
import type { EquivalenceChecker } from '../domain/equivalence-checker';
import { analyzeMethod } from './analyze-method';
import { checkEquivalenceMethod } from './check-equivalence-method';
import { extractAnswerMethod } from './extract-answer-method';
import { extractAnswersMethod } from './extract-answers-method';

export interface AnalyzerDeps {
  checker: EquivalenceChecker;
  /** The deployment allows the model judge (config judge.enabled). */
  judgeEnabled: boolean;
  /** Thresholds of requests that leave them unset (config aero.zpd). */
  defaults: ZpdThresholds;
  /** Extraction mode of requests that leave it unset (from config prompts.profile). */
  extraction: ExtractionMode;
  /** extractAnswer, wherever it runs (a long text off the service's thread: answer-worker.ts). */
  extract: (text: string, mode: ExtractionMode) => Promise<Extraction>;
  /** AnalyzeResponse.encode, wherever it runs (a response of megabytes off the service's thread). */
  encodeAnalyzeResponse: (response: AnalyzeResponse) => Promise<Buffer>;
}

export function analyzerService(deps: AnalyzerDeps): GrpcService {
  return defineService(AnalyzerServiceService, {
    extractAnswer: extractAnswerMethod(deps),
    extractAnswers: extractAnswersMethod(deps),
    checkEquivalence: checkEquivalenceMethod(deps),
    analyze: analyzeMethod(deps),
  });
}
