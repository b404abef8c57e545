import * as path from 'node:path';
import { status as Status, type Client } from '@grpc/grpc-js';
import {
  AnalyzerServiceClient,
  InferenceGatewayServiceClient,
  JobState,
  SynthServiceClient,
  TrainerServiceClient,
  VerifierServiceClient,
  type AnalyzeRequest,
  type AnalyzeResponse,
  type BuildDatasetRequest,
  type BuildDatasetResponse,
  type GenerateQuestionsRequest,
  GetStatusResponse,
  InstanceState,
  type Job,
  type Question,
  type SolveRequest,
  type SolveResponse,
  type TrainRequest,
  type VerifyRequest,
  type VerifyResponse,
} from '@aero/contracts';
import { connect, streamCall, unaryCall, withRetry, type ConnectOptions } from '@aero/service-kit';

/** host:port of each service the orchestrator drives. */
export interface ServiceAddresses {
  inference_gateway: string;
  synth: string;
  analyzer: string;
  verifier: string;
  trainer: string;
}

/**
 * The five services as the orchestrator uses them, over gRPC. Unary calls retry transient failures
 * (UNAVAILABLE, RESOURCE_EXHAUSTED) with backoff; every call is cancelled with the run's signal.
 * Generation calls carry no deadline of their own: the gateway bounds each engine request.
 */
export class AeroServices {
  private readonly gateway: InferenceGatewayServiceClient;
  private readonly synth: SynthServiceClient;
  private readonly analyzer: AnalyzerServiceClient;
  private readonly verifier: VerifierServiceClient;
  private readonly trainer: TrainerServiceClient;

  constructor(readonly addresses: ServiceAddresses, options: ConnectOptions = {}) {
    this.gateway = connect(InferenceGatewayServiceClient, addresses.inference_gateway, options);
    this.synth = connect(SynthServiceClient, addresses.synth, options);
    this.analyzer = connect(AnalyzerServiceClient, addresses.analyzer, options);
    this.verifier = connect(VerifierServiceClient, addresses.verifier, options);
    this.trainer = connect(TrainerServiceClient, addresses.trainer, options);
  }

  gatewayStatus(signal: AbortSignal): Promise<GetStatusResponse> {
    return this.retried(signal, (scope) => unaryCall(this.gateway.getStatus.bind(this.gateway), {}, { signal: scope }));
  }

  /**
   * The gateway's status when it already serves `checkpoint` on engines that are all ready;
   * undefined when `checkpoint` would have to be served first (after a restart it may serve anything).
   */
  async servingStatus(checkpoint: string, signal: AbortSignal): Promise<GetStatusResponse | undefined> {
    const status = await this.gatewayStatus(signal);
    const ready = status.instances.length > 0 && status.instances.every((i) => i.state === InstanceState.INSTANCE_STATE_READY);
    return ready && status.checkpoint !== '' && path.resolve(status.checkpoint) === path.resolve(checkpoint) ? status : undefined;
  }

  /** Serves `checkpoint`; answers the gateway's status once it does. */
  async serveModel(checkpoint: string, signal: AbortSignal): Promise<GetStatusResponse> {
    const served = await this.retried(signal, (scope) =>
      unaryCall(this.gateway.serveModel.bind(this.gateway), { checkpoint, ready_timeout_s: 0 }, { signal: scope }),
    );
    return served.status ?? GetStatusResponse.fromPartial({});
  }

  /** The gateway's Prometheus endpoint on the host this orchestrator reaches it by; '' when it has none. */
  metricsUrl(status: GetStatusResponse): string {
    if (!status.metrics_port) return '';
    const host = this.addresses.inference_gateway.slice(0, this.addresses.inference_gateway.lastIndexOf(':'));
    return `http://${host}:${status.metrics_port}/metrics`;
  }

  /** Stops the engine processes (their GPUs are free once it answers); the next serveModel starts them. */
  async stopEngines(signal: AbortSignal): Promise<void> {
    await this.retried(signal, (scope) => unaryCall(this.gateway.stopEngines.bind(this.gateway), {}, { signal: scope }));
  }

  async *generateQuestions(request: GenerateQuestionsRequest, signal: AbortSignal): AsyncGenerator<Question> {
    for await (const message of streamCall(this.synth.generateQuestions.bind(this.synth), request, { signal })) {
      if (message.question) yield message.question;
    }
  }

  solve(request: SolveRequest, signal: AbortSignal): Promise<SolveResponse> {
    return this.retried(signal, (scope) => unaryCall(this.synth.solve.bind(this.synth), request, { signal: scope }));
  }

  analyze(request: AnalyzeRequest, signal: AbortSignal): Promise<AnalyzeResponse> {
    return this.retried(signal, (scope) => unaryCall(this.analyzer.analyze.bind(this.analyzer), request, { signal: scope }));
  }

  async equivalent(a: string, b: string, signal: AbortSignal): Promise<boolean> {
    const response = await this.retried(signal, (scope) =>
      unaryCall(this.analyzer.checkEquivalence.bind(this.analyzer), { a, b, allow_judge: false }, { signal: scope }),
    );
    return response.equivalent;
  }

  verify(request: VerifyRequest, signal: AbortSignal): Promise<VerifyResponse> {
    return this.retried(signal, (scope) => unaryCall(this.verifier.verify.bind(this.verifier), request, { signal: scope }));
  }

  buildDataset(request: BuildDatasetRequest, signal: AbortSignal): Promise<BuildDatasetResponse> {
    return this.retried(signal, (scope) => unaryCall(this.trainer.buildDataset.bind(this.trainer), request, { signal: scope }));
  }

  /** A finished job of that id, if the trainer has one (a trainer that outlived a crash of ours). */
  async finishedJob(jobId: string, signal: AbortSignal): Promise<Job | undefined> {
    const response = await unlessNotFound(scoped(signal, (scope) => unaryCall(this.trainer.getJob.bind(this.trainer), { job_id: jobId }, { signal: scope })));
    const job = response?.job;
    return job?.state === JobState.JOB_STATE_SUCCEEDED && job.model_path ? job : undefined;
  }

  /**
   * Cancels the job and answers once the trainer reports it ended, its processes gone (undefined
   * when the trainer has no such job). It runs after the run's signal has fired, so `deadline`, not
   * that signal, bounds it; transient failures are tried again within it.
   */
  async cancelJob(jobId: string, deadline: Date): Promise<Job | undefined> {
    const cancelled = () => unaryCall(this.trainer.cancelJob.bind(this.trainer), { job_id: jobId }, { deadline });
    const response = await unlessNotFound(withRetry(cancelled, { attempts: 5, baseMs: 250 }));
    return response?.job;
  }

  async *train(request: TrainRequest, signal: AbortSignal): AsyncGenerator<Job> {
    for await (const message of streamCall(this.trainer.train.bind(this.trainer), request, { signal })) {
      if (message.job) yield message.job;
    }
  }

  close(): void {
    for (const client of [this.gateway, this.synth, this.analyzer, this.verifier, this.trainer] as Client[]) client.close();
  }

  private retried<T>(signal: AbortSignal, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return withRetry(() => scoped(signal, call), { attempts: 5, baseMs: 250, signal });
  }
}

/** What `call` answers; undefined when it is NOT_FOUND. */
async function unlessNotFound<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if ((error as { code?: number }).code === Status.NOT_FOUND) return undefined;
    throw error;
  }
}

/**
 * Runs `call` with a signal of its own that follows `signal`. The kit's calls leave their abort
 * listener on the signal they are given; one run signal shared by thousands of calls would collect
 * them all, so each call gets a child signal that is dropped with it.
 */
async function scoped<T>(signal: AbortSignal, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const child = new AbortController();
  const forward = () => child.abort(signal.reason);
  if (signal.aborted) forward();
  else signal.addEventListener('abort', forward, { once: true });
  try {
    return await call(child.signal);
  } finally {
    signal.removeEventListener('abort', forward);
  }
}
