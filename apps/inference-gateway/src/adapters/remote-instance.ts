import { InstanceState } from '@aero/contracts';
import { EngineInstance, type InstanceDeps } from './engine-instance';
import { EngineStartError } from './engine-start-error';

/** An existing OpenAI-compatible endpoint (backend openai): no process to run, readiness still probed. */
export class RemoteInstance extends EngineInstance {
  constructor(
    id: string,
    private readonly url: string,
    deps: InstanceDeps,
  ) {
    super(id, deps);
  }

  get pid(): number {
    return 0;
  }

  get port(): number {
    const u = new URL(this.url);
    return Number(u.port) || (u.protocol === 'https:' ? 443 : 80);
  }

  get gpus(): string {
    return '';
  }

  get baseUrl(): string {
    return this.url;
  }

  async start(model: string, deadline: number): Promise<void> {
    this.stopProbing();
    this.setState(InstanceState.INSTANCE_STATE_STARTING);
    const client = this.deps.clientFor(this.url);
    try {
      this.maxModelLen = (await this.whenReady(client, model, { deadline })).max_model_len;
    } catch (error) {
      client.close();
      this.setState(InstanceState.INSTANCE_STATE_UNHEALTHY);
      throw new EngineStartError(`${this.id} (${this.url}) does not serve ${model}: ${(error as Error).message}`);
    }
    this.client = client;
    this.setState(InstanceState.INSTANCE_STATE_READY);
    this.startProbing();
  }

  /** A remote server's model is switched by naming another one: start() does that. */
  async updateWeights(): Promise<boolean> {
    return false;
  }

  async stop(): Promise<void> {
    this.stopProbing();
    this.client = undefined;
    this.setState(InstanceState.INSTANCE_STATE_STOPPED);
  }
}
