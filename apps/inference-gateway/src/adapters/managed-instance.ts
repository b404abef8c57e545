import * as path from 'node:path';
import { InstanceState } from '@aero/contracts';
import type { GroupExit } from '@aero/process';
import { backoffDelay } from '../domain/backoff-delay';
import type { LaunchPlan } from '../domain/launch-plan';
import { EngineInstance, type InstanceDeps } from './engine-instance';
import { EngineProcess } from './engine-process';
import { EngineStartError } from './engine-start-error';

export interface ManagedDeps extends InstanceDeps {
  /** The launch plan of this instance for a checkpoint. */
  plan: (checkpoint: string) => LaunchPlan;
  logDir: string;
  stopGraceMs: number;
  /** Time a restart after a crash gets to become ready. */
  readyTimeoutMs: number;
}

const RESTART_BASE_MS = 1_000;
const RESTART_MAX_MS = 30_000;

/**
 * An engine process the gateway runs (backends embedded and vllm): started on a checkpoint, ready
 * once it lists the served model, restarted when it crashes (out of routing until ready again),
 * stopped by process group.
 */
export class ManagedInstance extends EngineInstance {
  private process?: EngineProcess;
  private boundPort = 0;
  private checkpoint = '';
  /** Bumped by every start and stop, so work for an older checkpoint or a stopped run gives up. */
  private generation = 0;
  /** Processes stopped on purpose: their exit is no crash. */
  private readonly stopping = new WeakSet<EngineProcess>();
  /** Processes that became ready: only their exit is a crash (a failed start is reported by launch). */
  private readonly served = new WeakSet<EngineProcess>();

  constructor(
    id: string,
    private readonly gpuList: string,
    private readonly managed: ManagedDeps,
  ) {
    super(id, managed);
  }

  get pid(): number {
    return this.process?.pid ?? 0;
  }

  get port(): number {
    return this.boundPort;
  }

  get gpus(): string {
    return this.gpuList;
  }

  get baseUrl(): string {
    return this.boundPort ? `http://127.0.0.1:${this.boundPort}/v1` : '';
  }

  get logFile(): string {
    return path.join(this.managed.logDir, `${this.id}.log`);
  }

  async start(checkpoint: string, deadline: number): Promise<void> {
    await this.stop();
    this.checkpoint = checkpoint;
    await this.launch(this.generation, deadline);
  }

  async updateWeights(checkpoint: string, deadline: number): Promise<boolean> {
    const client = this.client;
    if (!client || !this.ready || !this.managed.plan(checkpoint).updatesWeightsInPlace) return false;
    await client.updateWeightsFromDisk(checkpoint, Math.max(1, deadline - Date.now()));
    // A restart after a crash starts what is served now.
    this.checkpoint = checkpoint;
    // The new model's context and end-of-turn token ids are its own.
    this.maxModelLen = (await this.whenReady(client, this.managed.servedModelName(), { deadline })).max_model_len;
    this.servedTokens = 0;
    return true;
  }

  async stop(): Promise<void> {
    this.generation++;
    this.stopProbing();
    const running = this.process;
    this.client = undefined;
    if (this.state !== InstanceState.INSTANCE_STATE_STOPPED) this.setState(InstanceState.INSTANCE_STATE_STOPPED);
    if (running) {
      this.stopping.add(running);
      await running.stop(this.managed.stopGraceMs);
    }
  }

  private async launch(generation: number, deadline: number): Promise<void> {
    const plan = this.managed.plan(this.checkpoint);
    this.setState(InstanceState.INSTANCE_STATE_STARTING);
    const proc = await EngineProcess.spawn(plan, this.logFile);
    this.process = proc;
    this.servedTokens = 0;
    void proc.exited.then((exit) => this.onExit(proc, exit, generation));
    try {
      this.boundPort = plan.port || (await withDeadline(proc.listeningPort(), deadline, 'the engine did not announce its port in time'));
      const client = this.managed.clientFor(this.baseUrl);
      const listed = await this.whenReady(client, this.managed.servedModelName(), { deadline, exited: proc.exited }).catch((error: unknown) => {
        client.close();
        throw error;
      });
      if (generation !== this.generation) return client.close();
      this.maxModelLen = listed.max_model_len;
      this.client = client;
      this.served.add(proc);
      this.setState(InstanceState.INSTANCE_STATE_READY);
      this.startProbing();
    } catch (error) {
      this.stopping.add(proc);
      await proc.stop(this.managed.stopGraceMs);
      if (generation === this.generation) this.setState(InstanceState.INSTANCE_STATE_UNHEALTHY);
      const why = `${this.id} did not become ready on ${this.checkpoint}: ${(error as Error).message}`;
      // The log's lines stay here: the error can reach remote callers (ServeModel), which get its place.
      this.deps.log.error('engine did not become ready', { instance: this.id, error: why, log: proc.logTail() });
      throw new EngineStartError(`${why} (log: ${this.logFile})`);
    }
  }

  private async onExit(proc: EngineProcess, exit: GroupExit, generation: number): Promise<void> {
    if (!this.served.has(proc) || this.stopping.has(proc) || generation !== this.generation) return;
    // A clean exit or death by SIGTERM/SIGINT is someone stopping the engine on purpose (an operator, a
    // shutting-down host; engines exit 0 on SIGTERM), not a crash.
    const stopped = exit.exitCode === 0 || exit.signal === 'SIGTERM' || exit.signal === 'SIGINT';
    if (stopped) this.deps.log.warn('engine stopped from outside the gateway; restarting it', { instance: this.id, engine_pid: proc.pid, ...exit });
    else this.deps.log.error('engine crashed', { instance: this.id, engine_pid: proc.pid, ...exit, log: proc.logTail() });
    this.stopProbing();
    this.client = undefined;
    this.setState(InstanceState.INSTANCE_STATE_UNHEALTHY);
    // What the crashed leader left of its group (vLLM workers holding GPU memory) goes before the restart.
    this.stopping.add(proc);
    await proc.stop(this.managed.stopGraceMs);
    await this.restart(generation);
  }

  private async restart(generation: number): Promise<void> {
    for (let attempt = 0; generation === this.generation; attempt++) {
      this.restarts++;
      try {
        await this.launch(generation, Date.now() + this.managed.readyTimeoutMs);
        return;
      } catch (error) {
        this.deps.log.error('engine restart failed', { instance: this.id, attempt, error: (error as Error).message });
      }
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, RESTART_BASE_MS, 1, RESTART_MAX_MS)));
    }
  }
}

function withDeadline<T>(promise: Promise<T>, deadline: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}
