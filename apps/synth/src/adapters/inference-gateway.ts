import { status as Status } from '@grpc/grpc-js';
import { type CallSettings, dependencyCall, RpcError, unaryCall } from '@aero/service-kit';
import type { GenerateResponse, InferenceGatewayServiceClient, Role } from '@aero/contracts';

export interface GenerateOptions {
  /** The exact rendered prompt. */
  prompt: string;
  role: Role;
  n: number;
  temperature: number;
  maxTokens: number;
  seed?: number;
}

/** The inference gateway as synth uses it: one Generate call per request, n choices back. */
export class InferenceGateway {
  constructor(
    private readonly client: InferenceGatewayServiceClient,
    private readonly address: string,
  ) {}

  async generate(options: GenerateOptions, settings: CallSettings): Promise<GenerateResponse> {
    // One user turn holding the whole rendered prompt: chat models get their own chat template
    // around it, and the embedded engine's template is plain concatenation, so it sees the prompt
    // byte for byte as pretrained. KTO records use the same single user turn.
    const request = {
      prompt: '',
      messages: [{ role: 'user', content: options.prompt }],
      n: options.n,
      temperature: options.temperature,
      top_p: undefined,
      max_tokens: options.maxTokens,
      seed: options.seed,
      stop: [],
      role: options.role,
    };
    const response = await dependencyCall('inference gateway', this.address, () =>
      unaryCall(this.client.generate.bind(this.client), request, settings),
    );
    if (response.choices.length !== options.n) {
      throw new RpcError(
        Status.INTERNAL,
        `inference gateway at ${this.address} returned ${response.choices.length} choices for n = ${options.n}`,
      );
    }
    return response;
  }
}
