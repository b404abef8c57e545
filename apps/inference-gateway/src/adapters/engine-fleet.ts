import { EngineBackend } from '@aero/contracts';
import { EngineFailure } from './engine-failure';
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
  /** Why no model is served after a failed swap; undefined while one is (or may be). */
  private down?: string;
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

  /** Why no model is served, when a swap failed and left none; the next start clears it. */
  get unavailable(): string | undefined {
    return this.down;
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

  /** Starts every instance; if one fails, stops them all and throws naming every failure. */
  async start(deadline: number): Promise<void> {
    this.draining = false;
    this.released = false;
    this.down = undefined;
    const results = await Promise.allSettled(this.instances.map((i) => i.start(this.current, deadline)));
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as Error).message);
    if (failures.length > 0) {
      await this.stop();
      throw new EngineStartError(failures.join('; '));
    }
    this.changed();
  }

  /** Takes every instance out of routing (requests wait) before a swap. */
  drain(): void {
    this.draining = true;
    this.changed();
  }

  /**
   * Serves `target` instead; resolves once every instance serves it.
   *
   * Engines that load weights in place (the embedded engine) take `target` without a restart; if one
   * refuses it (not a checkpoint it can load: it keeps its weights), the ones that took it go back to the
   * model served before, nothing restarts, and the error gives the engine's reason. Engines that cannot
   * load in place (vLLM) are stopped and started on `target`: the new model does not start
   * beside the old one, as a vLLM instance takes gpu_memory_utilization of its GPUs and a fixed
   * port, so its successor cannot load until it is gone. The caller checks that `target` is a model
   * folder first, and if it still fails to become ready the model served before is started again
   * (given `rollbackMs`) and the error says so. Only if that fails too, or nothing was served before
   * (StopEngines, an earlier failure), is no model served, and `unavailable` says why until the next start.
   */
  async swap(target: string, deadline: number, rollbackMs: number): Promise<void> {
    const previous = this.released || this.down !== undefined ? undefined : this.current;
    if (previous !== undefined && (await this.updatedInPlace(target, previous, deadline, rollbackMs))) return;
    await this.stop();
    this.current = target;
    try {
      await this.start(deadline);
      return;
    } catch (error) {
      const failed = `cannot serve ${target}: ${(error as Error).message}`;
      if (previous === undefined) throw this.fail(failed);
      this.current = previous;
      try {
        await this.start(Date.now() + rollbackMs);
      } catch (again) {
        throw this.fail(`${failed}; serving ${previous} again failed too: ${(again as Error).message}`);
      }
      throw new EngineStartError(`${failed}; still serving ${previous}`);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.instances.map((i) => i.stop()));
  }

  /** Stops every instance until the next start (its GPUs are for someone else meanwhile). */
  async release(): Promise<void> {
    this.released = true;
    await this.stop();
  }

  /**
   * True once every instance serves `target` without a restart; false if one cannot load in place or
   * failed doing so (the restart path takes over). Throws, still serving `previous`, if one refused it.
   */
  private async updatedInPlace(target: string, previous: string, deadline: number, rollbackMs: number): Promise<boolean> {
    const results = await Promise.allSettled(this.instances.map((i) => i.updateWeights(target, deadline)));
    const refused = results.findIndex((r) => r.status === 'rejected' && r.reason instanceof EngineFailure && r.reason.kind === 'rejected');
    if (refused >= 0) {
      const took = this.instances.filter((_, k) => servesIt(results[k]));
      const back = await Promise.allSettled(took.map((i) => i.updateWeights(previous, Date.now() + rollbackMs)));
      if (back.every(servesIt)) {
        this.draining = false;
        this.changed();
        const reason = ((results[refused] as PromiseRejectedResult).reason as EngineFailure).message;
        throw new EngineStartError(`cannot serve ${target}: ${this.instances[refused].id} refused it: ${reason}; still serving ${previous}`);
      }
      return false;
    }
    if (!results.every(servesIt)) return false;
    this.current = target;
    this.draining = false;
    this.changed();
    return true;
  }

  private fail(why: string): EngineStartError {
    this.down = `no model is served: ${why}`;
    return new EngineStartError(this.down);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** An in-place update that loaded the weights (fulfilled true), as opposed to one that cannot or failed. */
const servesIt = (update: PromiseSettledResult<boolean>): boolean => update.status === 'fulfilled' && update.value;
