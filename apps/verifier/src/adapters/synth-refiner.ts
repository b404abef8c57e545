import type { RefineResponse, SynthServiceClient } from '@aero/contracts';
import { type CallSettings, dependencyCall, unaryCall } from '@aero/service-kit';

export interface RefineOptions {
  temperature?: number;
  seed?: number;
}

/** The refiner role, through synth's Refine. */
export class SynthRefiner {
  constructor(
    private readonly client: SynthServiceClient,
    private readonly address: string,
  ) {}

  refine(question: string, candidate: string, options: RefineOptions, settings: CallSettings): Promise<RefineResponse> {
    const request = { question, candidate, temperature: options.temperature, max_tokens: undefined, seed: options.seed };
    return dependencyCall('synth', this.address, () => unaryCall(this.client.refine.bind(this.client), request, settings));
  }
}
