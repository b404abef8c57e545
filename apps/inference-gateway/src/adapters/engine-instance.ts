import { InstanceState } from '@aero/contracts';
import type { GroupExit } from '@aero/process';
import type { Logger } from '@aero/service-kit';
import type { EngineReply } from '../domain/engine-reply';
import type { EngineRequest } from '../domain/engine-request';
import type { EngineClient, ListedModel } from './engine-client';
import { resolveStopTokenIds } from './resolve-stop-token-ids';
import { waitUntilReady } from './wait-until-ready';

export interface InstanceDeps {
  /** The model name requests must use (it changes when ServeModel swaps an openai backend's model). */
  servedModelName: () => string;
  /** A client of one engine base URL. */
  clientFor: (baseUrl: string) => EngineClient;
  /** The chat template's end-of-turn tokens, sent as stop token ids with every chat request. */
  stopTokens: readonly string[];
  probeIntervalMs: number;
  log: Logger;
  /** Called after every state change, so waiting requests are routed again. */
  onChange: () => void;
}

/**
 * One engine endpoint the gateway routes to: its state, counters and client, and a periodic
 * readiness probe that takes it out of routing when it stops answering and back when it answers.
 */
export abstract class EngineInstance {
  state = InstanceState.INSTANCE_STATE_STOPPED;
  /** Completion tokens this instance generated since it (re)started. */
  servedTokens = 0;
  /** Restarts after a crash. */
  restarts = 0;
  /** Context length the engine reported on /v1/models, when it does. */
  maxModelLen?: number;
  private current?: EngineClient;
  private probeTimer?: NodeJS.Timeout;
  /** The end-of-turn token ids in the tokenizer of the model being served. */
  private stopTokenIds: number[] = [];

  constructor(
    readonly id: string,
    protected readonly deps: InstanceDeps,
  ) {}

  abstract get pid(): number;
  abstract get port(): number;
  abstract get gpus(): string;
  abstract get baseUrl(): string;
  /** Starts serving `target` (a checkpoint, or the remote model name) and resolves once ready. */
  abstract start(target: string, deadline: number): Promise<void>;
  abstract stop(): Promise<void>;

  /**
   * Loads `target` into the running engine, resolving true once it serves it; false when this
   * instance cannot (then it must be restarted on `target`). Throws if the engine refused it.
   */
  abstract updateWeights(target: string, deadline: number): Promise<boolean>;

  get ready(): boolean {
    return this.state === InstanceState.INSTANCE_STATE_READY && this.current !== undefined;
  }

  protected get client(): EngineClient | undefined {
    return this.current;
  }

  /** Switches to another engine endpoint (or none), dropping the old one's idle connections. */
  protected set client(next: EngineClient | undefined) {
    if (this.current && this.current !== next) this.current.close();
    this.current = next;
  }

  generate(request: EngineRequest, signal: AbortSignal): Promise<EngineReply> {
    if (!this.client) return Promise.reject(new Error(`${this.id} has no engine to talk to`));
    return this.client.generate(this.deps.servedModelName(), request, this.id, signal, this.stopTokenIds);
  }

  /** A request could not reach the engine: out of routing until a probe says it answers again. */
  suspect(): void {
    if (this.state !== InstanceState.INSTANCE_STATE_READY) return;
    this.setState(InstanceState.INSTANCE_STATE_UNHEALTHY);
    void this.probe();
  }

  /** Waits until the engine behind `client` lists `model`, then looks up its end-of-turn token ids. */
  protected async whenReady(client: EngineClient, model: string, options: { deadline: number; exited?: Promise<GroupExit> }): Promise<ListedModel> {
    const listed = await waitUntilReady(client, model, options);
    this.stopTokenIds = await resolveStopTokenIds(client, model, this.deps.stopTokens);
    return listed;
  }

  protected setState(state: InstanceState): void {
    if (state === this.state) return;
    this.deps.log.info('instance state', { instance: this.id, from: InstanceState[this.state], to: InstanceState[state] });
    this.state = state;
    this.deps.onChange();
  }

  protected startProbing(): void {
    this.stopProbing();
    this.probeTimer = setInterval(() => void this.probe(), this.deps.probeIntervalMs);
    this.probeTimer.unref();
  }

  protected stopProbing(): void {
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.probeTimer = undefined;
  }

  private async probe(): Promise<void> {
    const client = this.client;
    const probing = [InstanceState.INSTANCE_STATE_READY, InstanceState.INSTANCE_STATE_UNHEALTHY];
    if (!client || !probing.includes(this.state)) return;
    let listed = false;
    try {
      listed = (await client.models()).some((m) => m.id === this.deps.servedModelName());
    } catch {
      listed = false;
    }
    // A restart or a stop may have replaced the client while the probe was in flight.
    if (client !== this.client || !probing.includes(this.state)) return;
    this.setState(listed ? InstanceState.INSTANCE_STATE_READY : InstanceState.INSTANCE_STATE_UNHEALTHY);
  }
}
