import { status as Status } from '@grpc/grpc-js';
import {
  JobState,
  BuildDatasetRequest,
  BuildDatasetResponse,
  IccConsensus,
  Labeller,
  Phase,
  Question,
  QuestionRecord,
  QuestionRecorded,
  RunState,
  SolverLabels,
  type Job,
  type RunEvent,
} from '@aero/contracts';
import { groundTruthOf } from '@aero/arithmetic';
import type { AeroConfig } from '@aero/config';
import type { Logger } from '@aero/service-kit';
import type { AeroServices } from '../adapters/aero-services';
import { readBenchmark } from '../adapters/read-benchmark';
import type { RunStore } from '../adapters/run-store';
import { batchRoundExamples } from '../domain/batch-round-examples';
import { deriveSeed } from '../domain/derive-seed';
import { HeldOutQuestions, trainableExamples } from '../domain/held-out-questions';
import { isLabelled } from '../domain/is-labelled';
import { ktoHyperparameters } from '../domain/kto-hyperparameters';
import { nextStep } from '../domain/next-step';
import { roundProgressOf } from '../domain/round-progress-of';
import type { RunMeta } from '../domain/run-meta';
import type { RoundProgress } from '../domain/run-view';
import type { ProblemResult } from '../domain/problem-result';
import { scoreEvaluation } from '../domain/score-evaluation';
import { selectBenchmarkProblems } from '../domain/select-benchmark-problems';
import { sharedGpus } from '../domain/shared-gpus';
import { summarizeRound } from '../domain/summarize-round';
import { mapBounded } from './map-bounded';
import type { RunSession } from './run-session';
import { StopUnconfirmed } from './stop-unconfirmed';

type Body = NonNullable<RunEvent['event']>;

const LABELLER: Record<AeroConfig['aero']['labeller'], Labeller> = {
  icc: Labeller.LABELLER_ICC,
  majority: Labeller.LABELLER_MAJORITY,
  oracle: Labeller.LABELLER_ORACLE,
  icc_oracle: Labeller.LABELLER_ICC_ORACLE,
};

// Examples per BuildDataset when every round is sent: half the trainer's 64 MiB message limit.
const MAX_EXAMPLES_BYTES = 32 * 1024 * 1024;

// What a cancelled training job may take beyond its grace period (cancel_grace_s): the trainer's
// SIGKILL and reaping of what is left (up to 5 s), its job record and log, and the calls themselves.
const JOB_STOP_MARGIN_MS = 15_000;

/**
 * Drives one run to its end, one step of the round state machine at a time (domain/next-step). Each
 * step records its result in the journal before the next step is chosen, so whatever kills the
 * process, the next drive starts at the first step whose result is missing and redoes only the
 * questions that were in flight. Every random choice uses a seed derived from the run's seed and
 * the choice's coordinates, so a resumed run asks the services exactly what an uninterrupted one does.
 */
export class RoundDriver {
  private readonly meta: RunMeta;
  private readonly config: AeroConfig;
  private heldOutQuestions?: HeldOutQuestions;

  constructor(
    private readonly session: RunSession,
    private readonly store: RunStore,
    private readonly services: AeroServices,
    private readonly log: Logger,
    private readonly signal: AbortSignal,
  ) {
    this.meta = session.view.meta;
    this.config = this.meta.config;
  }

  async run(): Promise<void> {
    for (;;) {
      this.signal.throwIfAborted();
      const step = nextStep(this.session.view);
      this.log.debug('step', { run: this.meta.id, ...step });
      switch (step.kind) {
        case 'evaluate':
          await this.serve(step.round, step.model);
          this.phase(step.round, Phase.PHASE_EVALUATING);
          for (const name of step.benchmarks) await this.evaluate(step.round, name);
          break;
        case 'generate':
          await this.serve(step.round, step.model);
          this.phase(step.round, Phase.PHASE_GENERATING);
          await this.generate(step.round);
          break;
        case 'synthesize':
          await this.serve(step.round, step.model);
          this.phase(step.round, Phase.PHASE_SYNTHESIZING);
          await this.synthesize(step.round);
          break;
        case 'build_dataset':
          this.phase(step.round, Phase.PHASE_BUILDING_DATASET);
          await this.buildDataset(step.round);
          break;
        case 'train':
          this.phase(step.round, Phase.PHASE_TRAINING);
          await this.train(step.round, step.baseModel, step.dataset);
          break;
        case 'finish_round':
          this.record(step.round, { $case: 'round_finished', value: summarizeRound(this.progress(step.round), this.benchmarkNames(), this.records(step.round)) });
          break;
        case 'finish_run':
          this.phase(this.config.aero.rounds, Phase.PHASE_DONE);
          this.record(0, { $case: 'state_changed', value: { state: RunState.RUN_STATE_SUCCEEDED, error: '' } });
          return;
      }
    }
  }

  /** Makes the gateway serve `model` unless it already does. */
  private async serve(round: number, model: string): Promise<void> {
    const status = await this.services.servingStatus(model, this.signal);
    if (status) {
      if (this.session.view.servedModel !== model) this.record(round, { $case: 'model_served', value: { checkpoint: model, metrics_url: this.services.metricsUrl(status) } });
      return;
    }
    this.phase(round, Phase.PHASE_SERVING);
    const served = await this.services.serveModel(model, this.signal);
    this.record(round, { $case: 'model_served', value: { checkpoint: model, metrics_url: this.services.metricsUrl(served) } });
  }

  /** Writes the round's questions, continuing after the last one on disk. */
  private async generate(round: number): Promise<void> {
    const { aero } = this.config;
    const log = this.store.questionLog(this.meta.id, round);
    const have = new Set(this.store.readQuestions(this.meta.id, round).map((q) => q.index));
    let start = 0;
    while (have.has(start)) start++;
    try {
      if (start < aero.questions_per_round) {
        const questions = this.services.generateQuestions(
          {
            round,
            start_index: start,
            count: aero.questions_per_round - start,
            temperature: aero.temperatures.generator,
            max_tokens: aero.max_tokens.generator,
            seed: deriveSeed(aero.seed, round, 'generate'),
            concurrency: aero.concurrency,
          },
          this.signal,
        );
        for await (const question of questions) {
          if (have.has(question.index)) continue;
          log.append(Question.toJSON(question));
          have.add(question.index);
        }
      }
    } finally {
      log.close();
    }
    const questions = this.store.readQuestions(this.meta.id, round);
    this.record(round, { $case: 'questions_generated', value: { count: questions.length, parsed: questions.filter((q) => q.parsed).length } });
  }

  /** Every generated question not yet recorded, through synth, analyzer and verifier. */
  private async synthesize(round: number): Promise<void> {
    const questions = this.store.readQuestions(this.meta.id, round);
    const recorded = this.progress(round).recorded;
    const pending = questions.filter((q) => !recorded.has(q.id));
    await mapBounded(pending, this.config.aero.concurrency, async (question) => {
      const record = await this.processQuestion(round, question);
      this.signal.throwIfAborted();
      this.store.writeQuestionRecord(this.meta.id, round, record);
      this.record(round, {
        $case: 'question_recorded',
        value: QuestionRecorded.fromPartial({
          question_id: question.id,
          status: record.analysis?.status,
          normalized_entropy: record.analysis?.normalized_entropy,
          answered: record.analysis?.total_valid,
          icc_outcome: record.verification?.outcome,
          examples: record.verification?.examples.length,
          done: this.progress(round).recorded.size + 1,
          total: questions.length,
          rejected_reason: record.rejected_reason,
        }),
      });
    });
  }

  /**
   * One question through the inner loop. A question a service refuses as input (INVALID_ARGUMENT,
   * e.g. a prompt longer than the model's context) is recorded as refused, with whatever the stages
   * before the refusal produced, rather than stopping the run: the refusal is a property of that
   * model-written question, and the same question would be refused again. It yields no examples.
   */
  private async processQuestion(round: number, question: Question): Promise<QuestionRecord> {
    const record = QuestionRecord.fromPartial({ question, held_out: this.heldOut().has(question.text) });
    try {
      await this.innerLoop(round, question, record);
    } catch (error) {
      const refusal = reasonOf(error, Status.INVALID_ARGUMENT);
      if (refusal === undefined || this.signal.aborted) throw error;
      this.log.warn('question refused', { run: this.meta.id, question: question.id, reason: refusal });
      record.rejected_reason = refusal;
    }
    return record;
  }

  /** Solve, analyse, verify; each stage's result goes into `record` as soon as it exists. */
  private async innerLoop(round: number, question: Question, record: QuestionRecord): Promise<void> {
    const { aero, judge } = this.config;
    const seed = (purpose: string) => deriveSeed(aero.seed, round, question.index, purpose);
    const solved = await this.services.solve(
      { question: question.text, n: aero.sampling_n, temperature: aero.temperatures.solver, max_tokens: aero.max_tokens.solver, seed: seed('solve') },
      this.signal,
    );
    record.solver_prompt = solved.prompt;
    record.samples = solved.samples;
    const { analysis } = await this.services.analyze(
      { samples: solved.samples.map((s) => s.text), thresholds: aero.zpd, allow_judge: judge.enabled },
      this.signal,
    );
    record.analysis = analysis;
    record.verification = await this.services.verify(
      {
        run_id: this.meta.id,
        round,
        question,
        solver_prompt: solved.prompt,
        samples: solved.samples,
        analysis,
        solver_labels: aero.solver_labels === 'paper' ? SolverLabels.SOLVER_LABELS_PAPER : SolverLabels.SOLVER_LABELS_CODE,
        labeller: LABELLER[aero.labeller],
        icc_consensus: aero.icc_consensus === 'c1_or_c2' ? IccConsensus.ICC_CONSENSUS_C1_OR_C2 : IccConsensus.ICC_CONSENSUS_ANY,
        icc_min_support: aero.icc_min_support,
        refiner_temperature: aero.temperatures.refiner,
        seed: seed('verify'),
        allow_judge: judge.enabled,
      },
      this.signal,
    );
    record.truth = groundTruthOf(question.text);
    if (record.truth === undefined) return;
    const majority = analysis?.clusters[0]?.key;
    record.majority_correct = majority !== undefined && (await this.services.equivalent(majority, record.truth, this.signal));
    record.consensus_correct = isLabelled(record.verification.outcome) && (await this.services.equivalent(record.verification.consensus, record.truth, this.signal));
  }

  /**
   * The round's examples in question order (none from held-out benchmark questions), then the
   * trainer's staggered dataset from them. The examples travel in the request (the trainer shares no
   * folder with the run store), so the trainer's FAILED_PRECONDITION can only mean the dataset came
   * out empty: recorded as a dataset of 0 records, and the round keeps its model.
   */
  private async buildDataset(round: number): Promise<void> {
    const { aero } = this.config;
    const examples = trainableExamples(this.records(round));
    this.store.writeExamples(this.meta.id, round, examples);
    const request = BuildDatasetRequest.fromPartial({
      run_id: this.meta.id,
      round,
      staggered: aero.use_staggered_training,
      replay_pool_size: aero.replay_pool_size,
      replay_ratios: aero.kto_replay_ratios,
      weights: aero.kto_weights,
      seed: deriveSeed(aero.seed, round, 'dataset'),
      generator_undesirable_cap: aero.generator_undesirable_cap,
      round_examples: [{ round, examples }],
    });
    const built = await this.requestDataset(request).catch((error: unknown) => {
      const empty = reasonOf(error, Status.FAILED_PRECONDITION);
      if (empty === undefined) throw error;
      return BuildDatasetResponse.fromPartial({ total: 0, warnings: [empty] });
    });
    for (const warning of built.warnings) this.log.warn('dataset warning', { run: this.meta.id, round, warning });
    this.record(round, { $case: 'dataset_built', value: built });
  }

  /**
   * BuildDataset with the round just recorded. A trainer that holds no copy of an earlier round (NOT_FOUND:
   * it moved to another host or runs_dir since) is sent every round up to this one, in requests under
   * its message limit; all but the last may still miss rounds.
   */
  private async requestDataset(request: BuildDatasetRequest): Promise<BuildDatasetResponse> {
    try {
      return await this.services.buildDataset(request, this.signal);
    } catch (error) {
      const missing = reasonOf(error, Status.NOT_FOUND);
      if (missing === undefined) throw error;
      this.log.info('sending the trainer every round', { run: this.meta.id, round: request.round, reason: missing });
      const rounds = Array.from({ length: request.round }, (_, i) => ({ round: i + 1, examples: trainableExamples(this.records(i + 1)) }));
      const batches = batchRoundExamples(rounds, MAX_EXAMPLES_BYTES);
      for (const batch of batches.slice(0, -1)) {
        await this.services.buildDataset({ ...request, round_examples: batch }, this.signal).catch((stillMissing: unknown) => {
          if (reasonOf(stillMissing, Status.NOT_FOUND) === undefined) throw stillMissing;
        });
      }
      return this.services.buildDataset({ ...request, round_examples: batches.at(-1) ?? [] }, this.signal);
    }
  }

  private async train(round: number, baseModel: string, dataset: string): Promise<void> {
    const { aero, training } = this.config;
    const built = this.progress(round).dataset;
    if (built?.total === 0) {
      const reason = `no training data in round ${round}: ${built.warnings.join('; ') || 'the dataset is empty'}`;
      this.record(round, { $case: 'model_trained', value: { job_id: '', model_path: baseModel, metrics: {}, skipped_reason: reason } });
      return;
    }
    const jobId = `${this.meta.id}-r${round}`;
    let job: Job | undefined = await this.services.finishedJob(jobId, this.signal);
    if (!job) {
      await this.freeGpusForTraining(round);
      const hyperparameters = ktoHyperparameters(training.kto, deriveSeed(aero.seed, round, 'train'));
      let step = 0;
      try {
        for await (const update of this.services.train({ run_id: this.meta.id, round, dataset, base_model: baseModel, hyperparameters }, this.signal)) {
          job = update;
          const progress = update.progress;
          // A step sent again with the KL and rewards it lacked: LLaMA-Factory logs them only to the
          // trainer_state.json it writes once training ended, and the trainer then sends every step again.
          const completes = progress?.kl !== undefined && this.progress(round).training.findLast((t) => t.current_steps === progress.current_steps)?.kl === undefined;
          if (progress && (progress.current_steps > step || completes)) {
            step = progress.current_steps;
            this.record(round, { $case: 'training_progress', value: progress });
          }
        }
      } catch (error) {
        if (this.signal.aborted) await this.cancelJob(jobId);
        throw error;
      }
    }
    if (!job?.model_path || job.state !== JobState.JOB_STATE_SUCCEEDED) {
      throw new Error(`training of round ${round} ended without a model${job?.error ? `: ${job.error}` : ''}`);
    }
    const losses = this.progress(round).training;
    this.record(round, {
      $case: 'model_trained',
      value: { job_id: job.id || jobId, model_path: job.model_path, train_loss: losses.at(-1)?.loss ?? job.metrics.train_loss, metrics: job.metrics, skipped_reason: '' },
    });
  }

  /**
   * Cancels the job of a training step that is being stopped, and waits until the trainer reports
   * it ended and its processes are gone. The end of the Train call stops the job too, but nobody
   * waits for that: the run would end while the job still ran, and a resume right after it would
   * find the job running. The wait is bounded; past the bound the stop is reported unconfirmed.
   */
  private async cancelJob(jobId: string): Promise<void> {
    const boundMs = this.config.training.cancel_grace_s * 1000 + JOB_STOP_MARGIN_MS;
    try {
      const job = await this.services.cancelJob(jobId, new Date(Date.now() + boundMs));
      this.log.info('training job stopped', { run: this.meta.id, job: jobId, state: job ? JobState[job.state] : 'never started' });
    } catch (error) {
      const e = error as { code?: unknown; details?: string; message?: string };
      const timedOut = e?.code === Status.DEADLINE_EXCEEDED;
      const why = timedOut ? `it was still stopping after ${boundMs / 1000} s` : `the trainer answered: ${e?.details || e?.message || String(error)}`;
      throw new StopUnconfirmed(timedOut ? Status.DEADLINE_EXCEEDED : Status.FAILED_PRECONDITION, `trainer job ${jobId} was not confirmed stopped (${why})`);
    }
  }

  /**
   * Stops the engines when the training job would run on GPUs they hold (vLLM keeps most of their
   * memory); the next step serves the trained model and starts them again. On disjoint GPUs they
   * keep serving.
   */
  private async freeGpusForTraining(round: number): Promise<void> {
    const shared = sharedGpus((await this.services.gatewayStatus(this.signal)).instances, this.config.training);
    if (shared.length === 0) return;
    this.log.info('stopping the engines: the training job needs their GPUs', { run: this.meta.id, round, gpus: shared.join(',') });
    await this.services.stopEngines(this.signal);
  }

  /** Greedy pass@1 of the served model on one benchmark, judged with the analyzer's equivalence. */
  private async evaluate(round: number, name: string): Promise<void> {
    const { aero, evaluation } = this.config;
    const benchmark = evaluation.benchmarks.find((b) => b.name === name);
    if (!benchmark) throw new Error(`benchmark ${name} is not in the run's config`);
    const problems = selectBenchmarkProblems(readBenchmark(benchmark.path), evaluation.limit);
    const results: ProblemResult[] = new Array(problems.length);
    await mapBounded([...problems.keys()], evaluation.concurrency, async (at) => {
      const problem = problems[at];
      const result: ProblemResult = { id: problem.id, group: problem.group, expected: problem.answer, answer: '', correct: false };
      try {
        const solved = await this.services.solve(
          { question: problem.question, n: 1, temperature: 0, max_tokens: evaluation.max_tokens, seed: deriveSeed(aero.seed, 'evaluate') },
          this.signal,
        );
        const sample = solved.samples[0];
        result.answer = sample?.answer ?? '';
        result.correct = sample?.parsed === true && (await this.services.equivalent(sample.answer, problem.answer, this.signal));
      } catch (error) {
        // A problem the model cannot take (too long for its context) counts as wrong, like any miss.
        result.error = reasonOf(error, Status.INVALID_ARGUMENT);
        if (result.error === undefined || this.signal.aborted) throw error;
      }
      results[at] = result;
    });
    this.store.writeEvaluation(this.meta.id, round, name, results);
    this.record(round, { $case: 'evaluation', value: scoreEvaluation(name, round, results) });
  }

  private phase(round: number, phase: Phase): void {
    const view = this.session.view;
    if (view.phase !== phase || view.currentRound !== round) this.record(round, { $case: 'phase_changed', value: { phase } });
  }

  private record(round: number, body: Body): void {
    this.session.append(round, body);
  }

  private progress(round: number): RoundProgress {
    return roundProgressOf(this.session.view, round);
  }

  /** The recorded questions of a round, in question order. */
  private records(round: number): QuestionRecord[] {
    return [...this.progress(round).recorded.keys()]
      .map((id) => this.store.readQuestionRecord(this.meta.id, round, id))
      .sort((a, b) => (a.question?.index ?? 0) - (b.question?.index ?? 0));
  }

  private heldOut(): HeldOutQuestions {
    this.heldOutQuestions ??= new HeldOutQuestions(this.config.evaluation.benchmarks.flatMap((b) => readBenchmark(b.path).map((p) => p.question)));
    return this.heldOutQuestions;
  }

  private benchmarkNames(): string[] {
    return this.config.evaluation.benchmarks.map((b) => b.name);
  }
}

/** The message of a service's failure with `code`; undefined for any other failure. */
function reasonOf(error: unknown, code: Status): string | undefined {
  const e = error as { code?: unknown; details?: string; message?: string };
  return e?.code === code ? e.details || e.message || Status[code] : undefined;
}
