import { type CallSettings, dependencyCall, unaryCall } from '@aero/service-kit';
import type { AnalyzerServiceClient, ExtractAnswerResponse } from '@aero/contracts';

/** Answer extraction through the analyzer, the one owner of the \boxed{} rule (AERO-SPEC 2.3). */
export class AnswerExtractor {
  constructor(
    private readonly client: AnalyzerServiceClient,
    private readonly address: string,
  ) {}

  /** The answers of `texts`, in order, in one call. */
  async extractAll(texts: readonly string[], settings: CallSettings): Promise<ExtractAnswerResponse[]> {
    if (texts.length === 0) return [];
    const { answers } = await dependencyCall('analyzer', this.address, () => unaryCall(this.client.extractAnswers.bind(this.client), { texts: [...texts] }, settings));
    return answers;
  }
}
