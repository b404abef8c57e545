import type { AnalyzerServiceClient } from '@aero/contracts';
import { type CallSettings, dependencyCall, unaryCall } from '@aero/service-kit';

/** Answer equivalence, through the analyzer's CheckEquivalence (cheap methods first, cached). */
export class EquivalenceChecker {
  constructor(
    private readonly client: AnalyzerServiceClient,
    private readonly address: string,
  ) {}

  async equivalent(a: string, b: string, allowJudge: boolean, settings: CallSettings): Promise<boolean> {
    // An empty \boxed{} is an answer too, but CheckEquivalence requires both sides: decide it here.
    if (a.trim() === '' || b.trim() === '') return a.trim() === b.trim();
    const response = await dependencyCall('analyzer', this.address, () =>
      unaryCall(this.client.checkEquivalence.bind(this.client), { a, b, allow_judge: allowJudge }, settings),
    );
    return response.equivalent;
  }
}
