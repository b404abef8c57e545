import { status as Status } from '@grpc/grpc-js';
import type { AeroConfig } from '@aero/config';
import type { GenerateResponse, GetStatusResponse, ServeModelResponse, StopEnginesResponse } from '@aero/contracts';
import { RpcError, type CallContext, type Logger } from '@aero/service-kit';
import { backoffDelay } from '../domain/backoff-delay';
import type { EngineReply } from '../domain/engine-reply';
import type { EngineRequest } from '../domain/engine-request';
import type { GenerateInput } from '../domain/generate-input';
import { mergeReplies } from '../domain/merge-replies';
import { planEngineRequests } from '../domain/plan-engine-requests';
import { QueueFullError } from '../domain/queue-full-error';
import { roleLabel } from '../domain/role-label';
import { SlotQueue } from '../domain/slot-queue';
import { EngineFailure } from '../adapters/engine-failure';
import type { EngineFleet } from '../adapters/engine-fleet';
import { GatewayMetrics } from '../adapters/gateway-metrics';
import { resolveTarget } from '../adapters/resolve-target';

export interface GatewaySettings {
  /** Largest n of one engine request. */
  maxNPerRequest: number;
  defaultMaxTokens: number;
  /** top_p and top_k per role for requests that set none. */
  sampling: AeroConfig['engine']['sampling'];
  /** Requests in flight per instance. */
  capacity: number;
  maxQueue: number;
  /** Retries of connection failures and 5xx, each on another instance when there is one. */
  retries: number;
  backoffMs: number;
  /** Bound of one Generate, queueing and retries included, when the caller set no earlier deadline. */
  requestTimeoutMs: number;
  readyTimeoutMs: number;
  drainTimeoutMs: number;
}

type Attempt = { reply: EngineReply } | { failure: EngineFailure };

const IDLE_POLL_MS = 50;

/**
 * The gateway's behaviour behind its RPCs: plans the engine requests of a Generate, routes each to
 * the least busy ready instance (waiting in a bounded queue), retries connection failures and 5xx
 * elsewhere with backoff, honours the caller's deadline, swaps the served model (back to the old
 * one when the new one does not start), and stops the engines to free their GPUs.
 */
export class InferenceGateway {
  readonly metrics: GatewayMetrics;
  /** Where /metrics is served once it listens (0: off, or not yet), reported by GetStatus. */
  metricsPort = 0;
  private readonly queue: SlotQueue;
  private swaps: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly fleet: EngineFleet,
    private readonly settings: GatewaySettings,
    private readonly log: Logger,
  ) {
    this.queue = new SlotQueue({ capacity: settings.capacity, maxQueue: settings.maxQueue, readyIds: () => fleet.readyIds() });
    fleet.onChange(() => this.queue.wake());
    this.metrics = new GatewayMetrics(() => this.status());
  }

  /** Context length requests must fit in (max_tokens below it). */
  maxModelLen(): number {
    return this.fleet.maxModelLen();
  }

  async generate(input: GenerateInput, ctx: CallContext): Promise<GenerateResponse> {
    const role = roleLabel(input.role);
    const started = performance.now();
    // One controller per call, aborted by the caller (deadline, cancel), by engine.request_timeout_s, or
    // by the failure of one part of a split request (the other parts are then cancelled, not left running).
    // Plain listeners and a cleared timer: AbortSignal.timeout would keep a timer alive per call for the
    // whole timeout, long after the call ended.
    const call = new AbortController();
    const signal = call.signal;
    const onCallerAbort = () => call.abort(ctx.signal.reason);
    if (ctx.signal.aborted) onCallerAbort();
    else ctx.signal.addEventListener('abort', onCallerAbort, { once: true });
    const timer = setTimeout(() => call.abort(new RpcError(Status.DEADLINE_EXCEEDED, 'engine.request_timeout_s passed')), this.settings.requestTimeoutMs);
    let code = Status.OK;
    try {
      const refusal = this.refusal();
      if (refusal) throw refusal;
      const { maxNPerRequest: maxN, defaultMaxTokens, sampling } = this.settings;
      const requests = planEngineRequests(input, { maxN, defaultMaxTokens, sampling });
      const replies = await Promise.all(
        requests.map((request) =>
          this.dispatch(request, signal).catch((error: unknown) => {
            call.abort(error);
            throw error;
          }),
        ),
      );
      const response = mergeReplies(replies);
      const usage = response.usage;
      if (usage) {
        this.metrics.tokens.inc({ role, kind: 'prompt' }, usage.prompt_tokens);
        this.metrics.tokens.inc({ role, kind: 'completion' }, usage.completion_tokens);
      }
      return response;
    } catch (error) {
      const rpc = RpcError.from(signal.aborted ? signal.reason : error);
      code = rpc.code;
      throw rpc;
    } finally {
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onCallerAbort);
      this.metrics.requests.inc({ role, code: Status[code] });
      this.metrics.latency.observe({ role }, (performance.now() - started) / 1000);
    }
  }

  async serveModel(checkpoint: string, readyTimeoutS: number, ctx: CallContext): Promise<ServeModelResponse> {
    const target = resolveTarget(this.fleet.backend, checkpoint);
    const timeoutMs = readyTimeoutS > 0 ? readyTimeoutS * 1000 : this.settings.readyTimeoutMs;
    // One swap at a time: a second ServeModel waits for the first to finish.
    const swap = this.swaps.then(() => this.swap(target, timeoutMs));
    this.swaps = swap.catch(() => undefined);
    await untilAborted(swap, ctx.signal);
    return { status: this.status() };
  }

  /** Stops the engine processes once the swaps before it are done; the next ServeModel starts them. */
  async stopEngines(ctx: CallContext): Promise<StopEnginesResponse> {
    const stop = this.swaps.then(() => this.release());
    this.swaps = stop.catch(() => undefined);
    await untilAborted(stop, ctx.signal);
    return { status: this.status() };
  }

  status(): GetStatusResponse {
    return {
      backend: this.fleet.backend,
      model: this.fleet.modelName,
      checkpoint: this.fleet.target,
      instances: this.fleet.instances.map((i) => ({
        id: i.id,
        state: i.state,
        pid: i.pid,
        port: i.port,
        base_url: i.baseUrl,
        outstanding: this.queue.outstandingOf(i.id),
        served_tokens: i.servedTokens,
        restarts: i.restarts,
        gpus: i.gpus,
      })),
      queue_depth: this.queue.depth,
      max_model_len: this.fleet.maxModelLen(),
      metrics_port: this.metricsPort,
    };
  }

  /** Sends one engine request, retrying connection failures and 5xx on other instances. */
  private async dispatch(request: EngineRequest, signal: AbortSignal): Promise<EngineReply> {
    const avoid = new Set<string>();
    for (let attempt = 0; ; attempt++) {
      const id = await this.queue.acquire(signal, { avoid, retry: attempt > 0 }).catch((error: unknown) => {
        throw error instanceof QueueFullError ? new RpcError(Status.RESOURCE_EXHAUSTED, error.message) : error;
      });
      const result = await this.attempt(id, request, signal);
      if ('reply' in result) return result.reply;
      const failure = result.failure;
      if (signal.aborted) throw signal.reason;
      if (!failure.retryable || attempt >= this.settings.retries) throw failure.toRpcError();
      if (failure.kind === 'connection') this.fleet.get(id).suspect();
      avoid.add(id);
      this.metrics.retries.inc();
      this.log.warn('engine request failed, retrying', { instance: id, attempt, kind: failure.kind, error: failure.message });
      await sleep(backoffDelay(attempt, this.settings.backoffMs, Math.random()), signal);
    }
  }

  private async attempt(id: string, request: EngineRequest, signal: AbortSignal): Promise<Attempt> {
    const instance = this.fleet.get(id);
    const started = performance.now();
    try {
      const reply = await instance.generate(request, signal);
      instance.servedTokens += reply.completionTokens;
      this.metrics.engineRequests.inc({ instance: id, outcome: 'ok' });
      return { reply };
    } catch (error) {
      const failure = EngineFailure.from(error);
      this.metrics.engineRequests.inc({ instance: id, outcome: failure.kind });
      return { failure };
    } finally {
      this.queue.release(id);
      this.metrics.engineLatency.observe({ instance: id }, (performance.now() - started) / 1000);
    }
  }

  private async swap(target: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    this.log.info('swapping model', { from: this.fleet.target, to: target });
    await this.quiesce();
    try {
      await this.fleet.swap(target, deadline, this.settings.readyTimeoutMs);
    } catch (error) {
      const message = (error as Error).message;
      this.log.error('swap failed', { checkpoint: target, error: message });
      this.turnAwayWaiting();
      throw new RpcError(Status.FAILED_PRECONDITION, message, [], error);
    }
    this.log.info('serving model', { checkpoint: target });
  }

  private async release(): Promise<void> {
    this.log.info('stopping engines', { checkpoint: this.fleet.target, gpus: this.fleet.instances.map((i) => i.gpus).filter(Boolean).join(';') });
    await this.quiesce();
    await this.fleet.release();
    this.turnAwayWaiting();
    this.log.info('engines stopped', { checkpoint: this.fleet.target });
  }

  /** Why no Generate can be served now, if none can: the engines were stopped, or a failed swap left no model. */
  private refusal(): RpcError | undefined {
    if (this.fleet.stopped) return RpcError.failedPrecondition('the engines are stopped (StopEngines): ServeModel starts them again');
    const down = this.fleet.unavailable;
    return down === undefined ? undefined : RpcError.unavailable(`${down}; ServeModel starts one`);
  }

  /** The requests that waited out a swap or a stop fail now if no model came out of it, not at their deadline. */
  private turnAwayWaiting(): void {
    const refusal = this.refusal();
    if (refusal) this.queue.rejectWaiting(refusal);
  }

  /** Takes the instances out of routing and waits for the requests in flight, at most drain_timeout_s. */
  private async quiesce(): Promise<void> {
    this.fleet.drain();
    await this.idle(Date.now() + this.settings.drainTimeoutMs);
  }

  /** Waits until no engine request is in flight, or the deadline. */
  private async idle(deadline: number): Promise<void> {
    const busy = () => this.fleet.instances.some((i) => this.queue.outstandingOf(i.id) > 0);
    while (busy() && Date.now() < deadline) await sleep(IDLE_POLL_MS);
  }
}

function sleep(ms: number, signal: AbortSignal = new AbortController().signal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The promise, or the signal's reason if it aborts first (the work itself goes on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
