import { EngineBackend } from '@aero/contracts';
import type { EngineInstance, InstanceDeps } from './engine-instance';
import { EngineStartError } from './engine-start-error';

export interface FleetOptions {
  backend: EngineBackend;
  /** What the instances serve: a checkpoint, or for backend openai the remote model name. */
  target: string;
  /** Name the engines serve the model under (backends embedded and vllm). */
  servedModelName: string;
  /** engine.max_model_len, used until the engines report theirs. */
  maxModelLen: number;
  /** Builds the instances with the dependencies the fleet provides. */
  instances: (deps: Pick<InstanceDeps, 'servedModelName' | 'onChange'>) => EngineInstance[];
}

/** The engine instances of one backend, started, swapped and stopped together. */
export class EngineFleet {
  readonly backend: EngineBackend;
  readonly instances: readonly EngineInstance[];
  private current: string;
  private draining = false;
  private released = false;
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly options: FleetOptions) {
    this.backend = options.backend;
    this.current = options.target;
    this.instances = options.instances({ servedModelName: () => this.modelName, onChange: () => this.changed() });
  }

  /** The checkpoint (or remote model) being served. */
  get target(): string {
    return this.current;
  }

  /** Stopped by release() and not started since: no engine to serve requests. */
  get stopped(): boolean {
    return this.released;
  }

  /** The model name every request names. */
  get modelName(): string {
    return this.backend === EngineBackend.ENGINE_BACKEND_OPENAI ? this.current : this.options.servedModelName;
  }

  /** Ids of the instances requests may go to now. */
  readyIds(): string[] {
    return this.draining ? [] : this.instances.filter((i) => i.ready).map((i) => i.id);
  }

  get(id: string): EngineInstance {
    const instance = this.instances.find((i) => i.id === id);
    if (!instance) throw new Error(`unknown instance ${id}`);
    return instance;
  }

  /** Smallest context length a ready engine reports, else the configured one. */
  maxModelLen(): number {
    const reported = this.instances.flatMap((i) => (i.ready && i.maxModelLen !== undefined ? [i.maxModelLen] : []));
    return reported.length > 0 ? Math.min(...reported) : this.options.maxModelLen;
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Starts every instance; if one fails, stops them all and throws with every failure's log tail. */
  async start(deadline: number): Promise<void> {
    this.draining = false;
    this.released = false;
    const results = await Promise.allSettled(this.instances.map((i) => i.start(this.current, deadline)));
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as Error).message);
    if (failures.length > 0) {
      await this.stop();
      throw new EngineStartError(failures.join('\n\n'));
    }
    this.changed();
  }

  /** Takes every instance out of routing (requests wait) before a swap. */
  drain(): void {
    this.draining = true;
    this.changed();
  }

  /** Stops the instances and starts them on `target`; resolves once every one is ready. */
  async swap(target: string, deadline: number): Promise<void> {
    await this.stop();
    this.current = target;
    await this.start(deadline);
  }

  async stop(): Promise<void> {
    await Promise.all(this.instances.map((i) => i.stop()));
  }

  /** Stops every instance until the next start (its GPUs are for someone else meanwhile). */
  async release(): Promise<void> {
    this.released = true;
    await this.stop();
  }

  /** Synchronous SIGKILL of every engine process group, for the gateway's exit path. */
  killNow(): void {
    for (const instance of this.instances) instance.killNow();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
