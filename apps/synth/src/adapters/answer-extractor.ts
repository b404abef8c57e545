import { type CallSettings, dependencyCall, unaryCall } from '@aero/service-kit';
import type { AnalyzerServiceClient, ExtractAnswerResponse } from '@aero/contracts';

/** Answer extraction through the analyzer, the one owner of the \boxed{} rule (AERO-SPEC 2.3). */
export class AnswerExtractor {
  constructor(
    private readonly client: AnalyzerServiceClient,
    private readonly address: string,
  ) {}

  /** The answers of `texts`, in order; the calls run side by side. */
  extractAll(texts: readonly string[], settings: CallSettings): Promise<ExtractAnswerResponse[]> {
    return dependencyCall('analyzer', this.address, () =>
      Promise.all(texts.map((text) => unaryCall(this.client.extractAnswer.bind(this.client), { text }, settings))),
    );
  }
}
